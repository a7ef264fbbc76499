package io.refinery.oversight.review.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import io.refinery.platform.ids.ClientId;

/** A client-supplied id ({@link ClientId}, README "Ids"); null passes (pair it with {@code @NotNull}). */
@Documented
@Constraint(validatedBy = ValidClientId.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidClientId {

    String message() default ClientId.MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Runs {@link ClientId#isValid}: the same check as every other ingestion path. */
    class Validator implements ConstraintValidator<ValidClientId, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || ClientId.isValid(value);
        }
    }
}
