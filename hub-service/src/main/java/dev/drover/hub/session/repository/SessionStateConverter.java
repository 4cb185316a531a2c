package dev.drover.hub.session.repository;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter(autoApply = true)
public class SessionStateConverter implements AttributeConverter<SessionState, String> {

    @Override
    public String convertToDatabaseColumn(SessionState state) {
        return state == null ? null : state.wire();
    }

    @Override
    public SessionState convertToEntityAttribute(String value) {
        return value == null ? null : SessionState.fromWire(value);
    }
}
