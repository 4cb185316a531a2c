package dev.drover.hub.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A string the hub can store and show: no NUL (PostgreSQL text refuses it) and no other control
 * character except tab, line feed and carriage return. Null is valid.
 */
@Documented
@Constraint(validatedBy = TextValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
        ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Text {

    String message() default "must not contain control characters (tab and line breaks are allowed)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
