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

import io.refinery.oversight.review.rules.FieldError;
import io.refinery.oversight.review.rules.RequestValidator;

/**
 * Bean validation of a {@link ReviewSubmission} by {@link RequestValidator}, the check the Kafka consumer runs too:
 * each error becomes a violation on its field, so the 400 names it beside any other violation of the body.
 */
@Documented
@Constraint(validatedBy = ValidReviewRequest.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidReviewRequest {

    String message() default "is not a valid request for oversight";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Reports {@link RequestValidator#errors} one violation per field. */
    class Validator implements ConstraintValidator<ValidReviewRequest, ReviewSubmission> {
        @Override
        public boolean isValid(ReviewSubmission value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            var errors = RequestValidator.errors(value.fields());
            if (errors.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            for (FieldError error : errors) {
                String[] path = error.field().split("\\.");
                var builder = context.buildConstraintViolationWithTemplate(literal(error.message()))
                        .addPropertyNode(path[0]);
                for (int i = 1; i < path.length; i++) {
                    builder = builder.addPropertyNode(path[i]);
                }
                builder.addConstraintViolation();
            }
            return false;
        }

        /** The message as a template that interpolates to itself. */
        private static String literal(String message) {
            return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
        }
    }
}
