package dev.drover.hub.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link Text}. */
public class TextValidator implements ConstraintValidator<Text, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || value.chars().allMatch(TextValidator::allowed);
    }

    static boolean allowed(int c) {
        return c == '\t' || c == '\n' || c == '\r' || !Character.isISOControl(c);
    }
}
