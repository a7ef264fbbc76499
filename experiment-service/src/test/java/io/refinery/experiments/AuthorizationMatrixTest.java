package io.refinery.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.refinery.testing.RefineryTestResource;
import io.refinery.testing.auth.AuthorizationMatrix;

/**
 * Issue 16: every operation of this service's OpenAPI document x every role, no token and eight bad tokens, against
 * the roles its method declares ({@link AuthorizationMatrix}).
 */
@QuarkusTest
@WithTestResource(value = RefineryTestResource.class, scope = TestResourceScope.GLOBAL)
class AuthorizationMatrixTest {

    @Test
    void everyOperationRefusesBadTokensAndRolesOutsideItsOwn() {
        AuthorizationMatrix.Result result = AuthorizationMatrix.run();
        System.out.printf("authorization matrix of experiment-service: %d operations, %d calls, %d failures%n",
                result.operations(), result.calls(), result.failures().size());
        assertThat(result.operations()).isGreaterThan(5);
        assertThat(result.failures()).isEmpty();
    }
}
