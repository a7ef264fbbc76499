package io.refinery.oversight.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class ReadableJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ReadableJson of(String json) throws Exception {
        return ReadableJson.of(JSON.readTree(json));
    }

    @Test
    void scalarsAreLabelledFieldsAndNestedObjectsNameTheirParent() throws Exception {
        ReadableJson r = of("""
                {"sku": "SN-1", "oldPrice": 89.9, "active": true, "note": null,
                 "price": {"old": 89.9, "new": 99.9}, "tags": ["sale", "shoes"], "empty": []}""");
        assertThat(r.fields()).extracting(ReadableJson.Field::label, ReadableJson.Field::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Sku", "SN-1"), org.assertj.core.groups.Tuple.tuple("Old price", "89.9"),
                org.assertj.core.groups.Tuple.tuple("Active", "true"), org.assertj.core.groups.Tuple.tuple("Note", "—"),
                org.assertj.core.groups.Tuple.tuple("Price › Old", "89.9"),
                org.assertj.core.groups.Tuple.tuple("Price › New", "99.9"),
                org.assertj.core.groups.Tuple.tuple("Tags", "sale, shoes"), org.assertj.core.groups.Tuple.tuple("Empty", "none"));
        assertThat(r.tables()).isEmpty();
    }

    @Test
    void listsOfObjectsBecomeTablesWithEveryColumnSeen() throws Exception {
        ReadableJson r = of("""
                {"features": [{"feature": "price", "drifted": true}, {"feature": "age", "pValue": 0.2}]}""");
        assertThat(r.fields()).isEmpty();
        ReadableJson.Table t = r.tables().get(0);
        assertThat(t.label()).isEqualTo("Features");
        assertThat(t.columns()).containsExactly("Feature", "Drifted", "P value");
        assertThat(t.rows()).containsExactly(java.util.List.of("price", "true", "—"), java.util.List.of("age", "—", "0.2"));
        assertThat(t.cut()).isFalse();
    }

    @Test
    void outsizedDocumentsAreBounded() throws Exception {
        StringBuilder rows = new StringBuilder("{\"rows\": [");
        for (int i = 0; i < 150; i++) {
            rows.append(i == 0 ? "" : ",").append("{\"i\": ").append(i).append('}');
        }
        ReadableJson r = of(rows.append("], \"long\": \"").append("x".repeat(3000)).append("\"}").toString());
        assertThat(r.tables().get(0).rows()).hasSize(ReadableJson.MAX_ROWS);
        assertThat(r.tables().get(0).cut()).isTrue();
        assertThat(r.fields().get(0).value()).hasSize(ReadableJson.MAX_TEXT + 1).endsWith("…");
    }

    @Test
    void emptyAndNonObjectDocuments() throws Exception {
        assertThat(of("{}").empty()).isTrue();
        assertThat(of("null").empty()).isTrue();
        assertThat(ReadableJson.of(null).empty()).isTrue();
        assertThat(of("\"just text\"").fields()).extracting(ReadableJson.Field::value).containsExactly("just text");
        assertThat(of("[{\"a\": 1}]").tables()).hasSize(1);
    }
}
