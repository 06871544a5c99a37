using System.Net;
using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Firestore.Http;

/// <summary>Google's REST error body: <c>{"error":{"code":404,"message":"...","status":"NOT_FOUND"}}</c>.</summary>
public static class GoogleError
{
    public static IResult Result(HttpStatusCode httpStatus, string status, string message) =>
        Results.Json(
            new JsonObject
            {
                ["error"] = new JsonObject { ["code"] = (int)httpStatus, ["message"] = message, ["status"] = status },
            },
            statusCode: (int)httpStatus);

    public static IResult Result(FirestoreException error) => Result(error.HttpStatus, error.Status, error.Message);
}
