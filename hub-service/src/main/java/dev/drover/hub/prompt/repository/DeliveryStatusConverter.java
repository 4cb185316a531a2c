package dev.drover.hub.prompt.repository;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
public class DeliveryStatusConverter implements AttributeConverter<DeliveryStatus, String> {

    @Override
    public String convertToDatabaseColumn(DeliveryStatus status) {
        return status == null ? null : status.wire();
    }

    @Override
    public DeliveryStatus convertToEntityAttribute(String value) {
        return value == null ? null : DeliveryStatus.ofWire(value);
    }
}
