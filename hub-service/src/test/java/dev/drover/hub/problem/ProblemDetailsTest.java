package dev.drover.hub.problem;

import dev.drover.hub.support.Api;
import dev.drover.hub.support.TestDatabase;
import dev.drover.protocol.problem.Problem;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Bad input gets problem details that say what is wrong, never an empty body or Java class names. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ProblemDetailsTest {

    private String token;

    @BeforeEach
    void signIn() {
        token = Api.adminToken();
    }

    private RequestSpecification json(String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body);
    }

    private static void assertProblem(io.restassured.response.Response response, int status, String detail) {
        response.then().statusCode(status)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("status", equalTo(status))
                .body("detail", equalTo(detail));
    }

    @Test
    void malformedJsonSaysWhere() {
        assertProblem(json("{bad json").post("/api/v1/sessions"), 400,
                "the request body is not valid JSON (line 1, column 2)");
    }

    @Test
    void aWrongTypeNamesTheFieldAndWhatItMustBe() {
        assertProblem(json("{\"hostId\":5}").post("/api/v1/sessions"), 400, "hostId must be a UUID");
        assertProblem(json("{\"hostId\":\"x\"}").post("/api/v1/sessions"), 400, "hostId must be a UUID");
        assertProblem(json("{\"hostId\":\"0195b3a0-0000-7000-8000-000000000000\",\"cols\":\"wide\"}")
                .post("/api/v1/sessions"), 400, "cols must be a number");
        assertProblem(json("{\"hostId\":\"0195b3a0-0000-7000-8000-000000000000\",\"command\":\"ls\"}")
                .post("/api/v1/sessions"), 400, "command must be an array");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        assertProblem(json("[]").post("/api/v1/sessions"), 400, "the request body must be a JSON object");
    }

    @Test
    void aMalformedHostIdFilterIsABadRequest() {
        assertProblem(given().auth().oauth2(token).get("/api/v1/sessions?hostId=bogus"), 400, "hostId must be a UUID");
    }

    @Test
    void wrongMediaTypesSayWhatTheApiSpeaks() {
        assertProblem(given().auth().oauth2(token).accept("application/xml").get("/api/v1/hosts"), 406,
                "the API answers JSON only (Accept: application/json)");
        assertProblem(given().auth().oauth2(token).contentType(ContentType.TEXT).body("hi").post("/api/v1/sessions"), 415,
                "send the request body as JSON (Content-Type: application/json)");
    }

    @Test
    void unprocessableContentHasItsReasonPhraseAsTitle() {
        assertThat(Problem.title(422)).isEqualTo("Unprocessable Content");
        assertThat(Problem.title(404)).isEqualTo("Not Found");
    }

    @Test
    void aMalformedIdInThePathSaysNothingIsThere() {
        assertProblem(given().auth().oauth2(token).get("/api/v1/hosts/nope"), 404,
                "nothing found at /api/v1/hosts/nope (an unknown or malformed id?)");
    }
}
