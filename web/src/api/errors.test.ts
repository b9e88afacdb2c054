import { describe, expect, it } from "vitest";
import { ApiError, errorOfAnswer, formErrors } from "./errors";

describe("API errors on forms", () => {
  const inputs = { setupToken: ["setup_token_invalid"], username: [], password: [] } as const;

  it("go beside the input the API's field names, without the field's path in the message", () => {
    const error = errorOfAnswer(400, {
      error: {
        code: "invalid_request",
        message: "body/password must NOT have fewer than 12 characters",
        field: "body/password",
      },
    });
    expect(formErrors(error, inputs)).toEqual({
      inputs: { password: "Must not have fewer than 12 characters" },
      form: undefined,
    });
  });

  it("go beside the input their code is about when the API names no field", () => {
    const error = new ApiError(
      403,
      "setup_token_invalid",
      "the setup token is not the one crosscal serve printed last",
    );
    expect(formErrors(error, inputs).inputs).toEqual({
      setupToken: "the setup token is not the one crosscal serve printed last",
    });
  });

  it("go above the form when they name no input of it, or when the service did not answer", () => {
    const other = new ApiError(400, "invalid_request", "unknown field", "body/colour");
    expect(formErrors(other, inputs)).toEqual({ inputs: {}, form: "unknown field" });
    expect(formErrors(errorOfAnswer(502, "<html>Bad gateway</html>"), inputs).form).toBe(
      "crosscal answered 502 without saying why",
    );
    expect(formErrors(undefined, inputs)).toEqual({ inputs: {}, form: undefined });
  });

  it("name nested inputs with dots", () => {
    expect(new ApiError(400, "invalid_request", "x", "body/rules/0/skip").input).toBe("rules.0.skip");
    expect(new ApiError(400, "invalid_request", "x", "query/limit").input).toBe("limit");
    expect(new ApiError(400, "invalid_request", "x").input).toBeUndefined();
  });
});
