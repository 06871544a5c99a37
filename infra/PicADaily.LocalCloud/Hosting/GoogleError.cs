using System.Net;
using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Hosting;

/// <summary>
/// Google's REST error body, <c>{"error":{"code":404,"message":"...","status":"NOT_FOUND"}}</c>, as the
/// Pub/Sub, Firestore and Vision stand-ins answer it. (Cloud Storage's JSON API has its own shape.)
/// </summary>
public static class GoogleError
{
    public static IResult Result(HttpStatusCode httpStatus, string status, string message) => Result((int)httpStatus, status, message);

    public static IResult Result(int code, string status, string message) =>
        Results.Json(
            new JsonObject
            {
                ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["status"] = status },
            },
            statusCode: code);
}
