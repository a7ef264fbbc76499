package io.refinery.platform.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class ClientIdTest {

    private static final UUID NAMESPACE_DNS = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
    private static final UUID NAMESPACE_URL = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    @Test
    void acceptsOneTo128CharactersOfTheAlphabet() {
        assertThat(ClientId.isValid("a")).isTrue();
        assertThat(ClientId.isValid("order-123")).isTrue();
        assertThat(ClientId.isValid("ticket:2026-11-24.A_7")).isTrue();
        assertThat(ClientId.isValid("ABCXYZabcxyz0189._:-")).isTrue();
        assertThat(ClientId.isValid("4f3f2898-69e3-5a0d-820a-c4e87987dbce")).isTrue();
        assertThat(ClientId.isValid("x".repeat(128))).isTrue();
    }

    @Test
    void refusesEverythingElse() {
        assertThat(ClientId.isValid(null)).isFalse();
        assertThat(ClientId.isValid("")).isFalse();
        assertThat(ClientId.isValid("x".repeat(129))).isFalse();
        for (String bad : new String[] { "a b", "a/b", " a", "a\n", "a\u0000b", "é", "a+b", "a#b", "a%20b", "a,b",
                "\"a\"", "a\\b", "\ud83d\ude00", "a\u00a0b", "\uff21" }) {
            assertThat(ClientId.isValid(bad)).as(bad).isFalse();
        }
    }

    @Test
    void saysWhichFieldAndWhatWasExpected() {
        assertThat(ClientId.validate("id", "order-123")).isEqualTo("order-123");
        assertThatThrownBy(() -> ClientId.validate("id", "a/b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("id: must be 1-128 characters of A-Z a-z 0-9 . _ : - (a UUID is fine)");
        assertThat(ClientId.problem("data.id")).isEqualTo("data.id: " + ClientId.MESSAGE);
    }

    @Test
    void recognisesTheTextFormOfAUuid() {
        assertThat(ClientId.isUuid("4f3f2898-69e3-5a0d-820a-c4e87987dbce")).isTrue();
        assertThat(ClientId.isUuid("4F3F2898-69E3-5A0D-820A-C4E87987DBCE")).isTrue();
        assertThat(ClientId.isUuid("00000000-0000-0000-0000-000000000000")).isTrue();
        assertThat(ClientId.isUuid("1-1-1-1-1")).isFalse(); // UUID.fromString would take it
        assertThat(ClientId.isUuid("4f3f289869e35a0d820ac4e87987dbce")).isFalse();
        assertThat(ClientId.isUuid("4f3f2898-69e3-5a0d-820a-c4e87987dbcg")).isFalse();
        assertThat(ClientId.isUuid("4f3f2898_69e3-5a0d-820a-c4e87987dbce")).isFalse();
        assertThat(ClientId.isUuid(null)).isFalse();
    }

    /**
     * Reference values from Python's uuid module (CPython 3):
     *
     * <pre>
     * $ python3 -c 'import uuid; [print(n, repr(s), uuid.uuid5(getattr(uuid, n), s)) for n in ("NAMESPACE_DNS", "NAMESPACE_URL") for s in ("python.org", "order-123", "a", "ticket:2026-11-24.A_7", "0" * 128)]'
     * NAMESPACE_DNS 'python.org' 886313e1-3b8a-5372-9b90-0c9aee199e5d
     * NAMESPACE_DNS 'order-123' 9cf8d9d9-bc1d-5835-a9c9-98e5411434a3
     * NAMESPACE_DNS 'a' 4f3f2898-69e3-5a0d-820a-c4e87987dbce
     * NAMESPACE_DNS 'ticket:2026-11-24.A_7' 5d293306-fb4f-566a-999f-526efbfc90bc
     * NAMESPACE_DNS '00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000' 59c97b48-f023-50ec-a02b-07266121498f
     * NAMESPACE_URL 'python.org' 7af94e2b-4dd9-50f0-9c9a-8a48519bdef0
     * NAMESPACE_URL 'order-123' f152a3d4-681d-537c-bb85-4a92859912d1
     * NAMESPACE_URL 'a' e1407479-3136-56c0-9908-bb02fb0339e2
     * NAMESPACE_URL 'ticket:2026-11-24.A_7' e9b2e21b-f021-5910-88b0-f44c96c9a47e
     * NAMESPACE_URL '00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000' 566bcc0c-fca4-5c4a-87eb-cbf53dbd7b5f
     * </pre>
     */
    @Test
    void nameBasedUuidsMatchPythonsUuid5() {
        assertThat(ClientId.toUuid(NAMESPACE_DNS, "python.org")).hasToString("886313e1-3b8a-5372-9b90-0c9aee199e5d");
        assertThat(ClientId.toUuid(NAMESPACE_DNS, "order-123")).hasToString("9cf8d9d9-bc1d-5835-a9c9-98e5411434a3");
        assertThat(ClientId.toUuid(NAMESPACE_DNS, "a")).hasToString("4f3f2898-69e3-5a0d-820a-c4e87987dbce");
        assertThat(ClientId.toUuid(NAMESPACE_DNS, "ticket:2026-11-24.A_7")).hasToString("5d293306-fb4f-566a-999f-526efbfc90bc");
        assertThat(ClientId.toUuid(NAMESPACE_DNS, "0".repeat(128))).hasToString("59c97b48-f023-50ec-a02b-07266121498f");
        assertThat(ClientId.toUuid(NAMESPACE_URL, "python.org")).hasToString("7af94e2b-4dd9-50f0-9c9a-8a48519bdef0");
        assertThat(ClientId.toUuid(NAMESPACE_URL, "order-123")).hasToString("f152a3d4-681d-537c-bb85-4a92859912d1");
        assertThat(ClientId.toUuid(NAMESPACE_URL, "a")).hasToString("e1407479-3136-56c0-9908-bb02fb0339e2");
        assertThat(ClientId.toUuid(NAMESPACE_URL, "ticket:2026-11-24.A_7")).hasToString("e9b2e21b-f021-5910-88b0-f44c96c9a47e");
        assertThat(ClientId.toUuid(NAMESPACE_URL, "0".repeat(128))).hasToString("566bcc0c-fca4-5c4a-87eb-cbf53dbd7b5f");
        UUID v5 = ClientId.toUuid(NAMESPACE_URL, "order-123");
        assertThat(v5.version()).isEqualTo(5);
        assertThat(v5.variant()).isEqualTo(2);
    }

    @Test
    void aUuidIsUsedAsItIsAndAnyOtherIdIsMapped() {
        assertThat(ClientId.uuidFor(NAMESPACE_DNS, "886313E1-3B8A-5372-9B90-0C9AEE199E5D"))
                .hasToString("886313e1-3b8a-5372-9b90-0c9aee199e5d");
        assertThat(ClientId.uuidFor(NAMESPACE_DNS, "order-123")).hasToString("9cf8d9d9-bc1d-5835-a9c9-98e5411434a3");
        assertThat(ClientId.uuidFor(NAMESPACE_DNS, "order-123")).isNotEqualTo(ClientId.uuidFor(NAMESPACE_URL, "order-123"));
        assertThat(ClientId.originalUnlessUuid("order-123")).isEqualTo("order-123");
        assertThat(ClientId.originalUnlessUuid("886313e1-3b8a-5372-9b90-0c9aee199e5d")).isNull();
        assertThatThrownBy(() -> ClientId.uuidFor(NAMESPACE_DNS, "order 123")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("id: " + ClientId.MESSAGE);
        assertThatThrownBy(() -> ClientId.toUuid(null, "order-123")).isInstanceOf(IllegalArgumentException.class);
    }
}
