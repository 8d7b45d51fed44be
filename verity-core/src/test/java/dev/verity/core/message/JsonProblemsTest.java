package dev.verity.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Jackson's errors in plain words: the field, what was expected, never a Java class name. */
class JsonProblemsTest {
  private static JsonProblems.Problem problem(String json, Class<?> type) {
    JsonProcessingException e =
        catchThrowableOfType(
            () -> DataExchangeJson.mapper().readValue(json, type), JsonProcessingException.class);
    JsonProblems.Problem p = JsonProblems.of(e);
    assertThat(p.message()).doesNotContain("java.", "`", "Jackson", "com.fasterxml", "Exception");
    return p;
  }

  @Test
  void aBadInstantNamesTheFormat() {
    JsonProblems.Problem p =
        problem("{\"eventTime\":\"2020-13-01T00:00:00Z\"}", Notification.class);
    assertThat(p.path()).isEqualTo("eventTime");
    assertThat(p.message())
        .isEqualTo(
            "expected an ISO 8601 UTC instant such as 2020-10-01T10:00:00Z (RFC 3339, a four-digit"
                + " year), not \"2020-13-01T00:00:00Z\"");
    assertThat(p.field("message")).isEqualTo("message.eventTime");
  }

  @Test
  void unknownFieldsAreNamedWithTheKnownOnesAtAnyDepth() {
    JsonProblems.Problem p =
        problem("{\"newItem\":{\"id\":\"x\",\"colour\":\"red\"}}", Notification.class);
    assertThat(p.path()).isEqualTo("newItem.colour");
    assertThat(p.message())
        .startsWith("unknown field 'colour' (known: ")
        .contains("facility", "kind");
    assertThat(problem("{\"number\":1,\"colour\":1}", Notification.class).message())
        .startsWith("unknown field 'colour'");
    assertThat(problem("{\"colour\":1}", Notification.class).message())
        .isEqualTo("required: a whole number");
  }

  @Test
  void wrongKindsOfValueSayWhatWasExpected() {
    assertThat(problem("{\"warheads\":\"many\"}", Notification.class).message())
        .isEqualTo("expected a whole number, not the text \"many\"");
    assertThat(problem("{\"asOf\":\"1 Sep\"}", Declaration.class).message())
        .isEqualTo("expected a date YYYY-MM-DD with a four-digit year, not \"1 Sep\"");
    assertThat(problem("{\"items\":7}", Declaration.class).message())
        .isEqualTo("expected a list [...]");
    assertThat(problem("{\"newItem\":[1]}", Notification.class).message())
        .isEqualTo("expected an object {...}");
  }

  @Test
  void malformedTextGivesTheLineAndColumn() {
    JsonProblems.Problem p = problem("{\n  \"party\": US\n}", Declaration.class);
    assertThat(p.message())
        .isEqualTo("malformed JSON: unexpected word 'US' (text must be in double quotes)");
    assertThat(p.where()).isEqualTo("line 2, column 14: ");
    assertThat(problem("{\"party\":", Declaration.class).message())
        .isEqualTo("malformed JSON: the text ends before the value is complete");
    assertThat(problem("{\"items\": [ {\"id\": \"x\"} \n", Declaration.class).message())
        .isEqualTo("malformed JSON: the text ends before the value is complete");
    assertThat(problem("{party:1}", Declaration.class).message())
        .isEqualTo("malformed JSON: unexpected character 'p'");
    assertThat(problem("", Declaration.class).message()).isEqualTo("empty: expected a JSON value");
  }

  @Test
  void describeIsOneLine() {
    JsonProcessingException e =
        catchThrowableOfType(
            () -> DataExchangeJson.mapper().readValue("[{\"number\":\"x\"}]", Notification[].class),
            JsonProcessingException.class);
    assertThat(JsonProblems.describe(e))
        .isEqualTo("line 1, column 12: [0].number: expected a whole number, not the text \"x\"");
    assertThat(JsonProblems.unknownField("x", List.of("b", "a")))
        .isEqualTo("unknown field 'x' (known: a, b)");
  }
}
