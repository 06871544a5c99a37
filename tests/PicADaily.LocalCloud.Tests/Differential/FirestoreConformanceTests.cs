using System.Globalization;
using System.Text.Json.Nodes;

namespace PicADaily.LocalCloud.Tests.Differential;

/// <summary>
/// The Firestore REST calls the picture catalog makes (create, get, patch with updateMask and currentDocument,
/// delete, the gallery and label queries, commit) and common ones (listDocuments,
/// beginTransaction), against LocalCloud and Google's emulator.
/// </summary>
[Collection(DifferentialCollection.Name)]
public sealed class FirestoreConformanceTests(DifferentialTargets targets)
{
    private const string Project = "conformance";

    private const string Gallery = """
        {"structuredQuery":{"from":[{"collectionId":"pictures"}],
         "where":{"fieldFilter":{"field":{"fieldPath":"visible"},"op":"EQUAL","value":{"booleanValue":true}}},
         "orderBy":[{"field":{"fieldPath":"created"},"direction":"DESCENDING"},{"field":{"fieldPath":"__name__"},"direction":"DESCENDING"}],
         "limit":2}}
        """;

    private const string GalleryNextPage = """
        {"structuredQuery":{"from":[{"collectionId":"pictures"}],
         "where":{"fieldFilter":{"field":{"fieldPath":"visible"},"op":"EQUAL","value":{"booleanValue":true}}},
         "orderBy":[{"field":{"fieldPath":"created"},"direction":"DESCENDING"},{"field":{"fieldPath":"__name__"},"direction":"DESCENDING"}],
         "startAt":{"values":[{"timestampValue":"2001-01-02T00:00:00Z"},{"referenceValue":"{db}/pictures/p2"}],"before":false},
         "limit":2}}
        """;

    private const string ByLabel = """
        {"structuredQuery":{"from":[{"collectionId":"pictures"}],
         "where":{"compositeFilter":{"op":"AND","filters":[
           {"fieldFilter":{"field":{"fieldPath":"labels"},"op":"ARRAY_CONTAINS","value":{"stringValue":"cat"}}},
           {"fieldFilter":{"field":{"fieldPath":"visible"},"op":"EQUAL","value":{"booleanValue":true}}}]}},
         "orderBy":[{"field":{"fieldPath":"created"},"direction":"DESCENDING"}]}}
        """;

    private const string Unlabeled = """
        {"structuredQuery":{"from":[{"collectionId":"pictures"}],
         "where":{"unaryFilter":{"field":{"fieldPath":"labels"},"op":"IS_NULL"}},
         "select":{"fields":[{"fieldPath":"created"}]}}}
        """;

    private const string InAndRange = """
        {"structuredQuery":{"from":[{"collectionId":"pictures"}],
         "where":{"compositeFilter":{"op":"AND","filters":[
           {"fieldFilter":{"field":{"fieldPath":"size"},"op":"IN","value":{"arrayValue":{"values":[{"integerValue":"10"},{"integerValue":"30"}]}}}},
           {"fieldFilter":{"field":{"fieldPath":"created"},"op":"GREATER_THAN","value":{"timestampValue":"2001-01-01T00:00:00Z"}}}]}}}}
        """;

    private static readonly Call[] Calls =
    [
        new("create", "POST", "v1/{db}/pictures?documentId=p1", Picture("2001-01-01T00:00:00Z", visible: true, size: 10, "cat")),
        new("create p2", "POST", "v1/{db}/pictures?documentId=p2", Picture("2001-01-02T00:00:00Z", visible: true, size: 20, "dog")),
        new("create p3", "POST", "v1/{db}/pictures?documentId=p3", Picture("2001-01-03T00:00:00Z", visible: true, size: 30, "cat", "dog")),
        new("create p4 (hidden, unlabeled)", "POST", "v1/{db}/pictures?documentId=p4", """{"fields":{"created":{"timestampValue":"2001-01-04T00:00:00Z"},"visible":{"booleanValue":false},"labels":{"nullValue":null}}}"""),
        new("create existing", "POST", "v1/{db}/pictures?documentId=p1", Picture("2001-01-01T00:00:00Z", visible: true, size: 10)),
        new("create with a generated id", "POST", "v1/{db}/uploads", """{"fields":{"n":{"integerValue":"1"}}}"""),
        new("create, reserved id", "POST", "v1/{db}/pictures?documentId=__x__", "{}"),
        new("get", "GET", "v1/{db}/pictures/p1", null, "p1Updated=updateTime"),
        new("get with a mask", "GET", "v1/{db}/pictures/p3?mask.fieldPaths=labels&mask.fieldPaths=size"),
        new("get missing", "GET", "v1/{db}/pictures/missing"),
        new("listDocuments", "GET", "v1/{db}/pictures"),
        new("listDocuments, first page", "GET", "v1/{db}/pictures?pageSize=3", null, "next=nextPageToken"),
        new("listDocuments, next page", "GET", "v1/{db}/pictures?pageSize=3&pageToken={next}"),
        new("listDocuments ordered", "GET", "v1/{db}/pictures?orderBy=size%20desc"),
        new("listDocuments with a mask", "GET", "v1/{db}/pictures?pageSize=2&mask.fieldPaths=size"),
        new("listDocuments of an empty collection", "GET", "v1/{db}/nothing-here"),
        new("create in a subcollection", "POST", "v1/{db}/users/u1/pictures?documentId=x1", """{"fields":{"n":{"integerValue":"1"}}}"""),
        new("listDocuments of a subcollection", "GET", "v1/{db}/users/u1/pictures"),
        new("listDocuments, bad page size", "GET", "v1/{db}/pictures?pageSize=-1"),
        new("patch with updateMask, must exist", "PATCH", "v1/{db}/pictures/p1?updateMask.fieldPaths=labels&updateMask.fieldPaths=size&currentDocument.exists=true", """{"fields":{"labels":{"arrayValue":{"values":[{"stringValue":"cat"},{"stringValue":"tabby"}]}}}}"""),
        new("patch missing, must exist", "PATCH", "v1/{db}/pictures/missing?updateMask.fieldPaths=labels&currentDocument.exists=true", """{"fields":{"labels":{"arrayValue":{}}}}"""),
        new("patch existing, must not exist", "PATCH", "v1/{db}/pictures/p2?currentDocument.exists=false", Picture("2001-01-02T00:00:00Z", visible: true, size: 20)),
        new("patch at a stale updateTime", "PATCH", "v1/{db}/pictures/p1?updateMask.fieldPaths=size&currentDocument.updateTime={p1Updated}", """{"fields":{"size":{"integerValue":"11"}}}"""),
        new("patch at the current updateTime", "PATCH", "v1/{db}/pictures/p2?updateMask.fieldPaths=size&currentDocument.updateTime=2001-01-01T00:00:00Z", """{"fields":{"size":{"integerValue":"21"}}}"""),
        new("patch without mask creates", "PATCH", "v1/{db}/pictures/p5", Picture("2001-01-05T00:00:00Z", visible: false, size: 50)),
        new("patch a nested field", "PATCH", "v1/{db}/pictures/p5?updateMask.fieldPaths=meta.width", """{"fields":{"meta":{"mapValue":{"fields":{"width":{"integerValue":"640"}}}}}}"""),
        new("runQuery: gallery page", "POST", "v1/{db}:runQuery", Gallery),
        new("runQuery: gallery next page", "POST", "v1/{db}:runQuery", GalleryNextPage),
        new("runQuery: label", "POST", "v1/{db}:runQuery", ByLabel),
        new("runQuery: IS_NULL with select", "POST", "v1/{db}:runQuery", Unlabeled),
        new("runQuery: IN and a range", "POST", "v1/{db}:runQuery", InAndRange),
        new("runQuery: nothing matches", "POST", "v1/{db}:runQuery", """{"structuredQuery":{"from":[{"collectionId":"nothing-here"}]}}"""),
        new("runQuery: unknown operator", "POST", "v1/{db}:runQuery", """{"structuredQuery":{"from":[{"collectionId":"pictures"}],"where":{"fieldFilter":{"field":{"fieldPath":"size"},"op":"LIKE","value":{"integerValue":"1"}}}}}"""),
        new(
            "commit: update with transform, and delete",
            "POST",
            "v1/{db}:commit",
            """{"writes":[{"update":{"name":"{db}/pictures/p3","fields":{"visible":{"booleanValue":false}}},"updateMask":{"fieldPaths":["visible"]},"updateTransforms":[{"fieldPath":"touched","setToServerValue":"REQUEST_TIME"}],"currentDocument":{"exists":true}},{"delete":"{db}/pictures/p4"}]}"""),
        new("get after commit", "GET", "v1/{db}/pictures/p3"),
        new("commit: precondition fails, nothing written", "POST", "v1/{db}:commit", """{"writes":[{"update":{"name":"{db}/pictures/p6","fields":{}}},{"update":{"name":"{db}/pictures/p1","fields":{}},"currentDocument":{"exists":false}}]}"""),
        new("get what the failed commit would have written", "GET", "v1/{db}/pictures/p6"),
        new("beginTransaction", "POST", "v1/{db}:beginTransaction", "{}"),
        new("delete", "DELETE", "v1/{db}/pictures/p2"),
        new("delete missing", "DELETE", "v1/{db}/pictures/p2"),
        new("delete missing, must exist", "DELETE", "v1/{db}/pictures/p2?currentDocument.exists=true"),
        new("listDocuments after the writes", "GET", "v1/{db}/pictures?mask.fieldPaths=visible"),
    ];

    private static readonly KnownDifference[] Known =
    [
        new("beginTransaction", KnownDifference.Everything, "LocalCloud serves no transactions (501 UNIMPLEMENTED); the services use none."),
    ];

    [Fact]
    public Task LocalCloud_answers_the_Firestore_REST_calls_as_the_official_emulator_does() =>
        DifferentialRunner.RunAsync(targets.LocalCloud, targets.FirestoreEmulator, Project, Calls, Known);

    private static string Picture(string created, bool visible, int size, params string[] labels)
    {
        var values = new JsonArray([.. labels.Select(l => (JsonNode)new JsonObject { ["stringValue"] = l })]);
        var fields = new JsonObject
        {
            ["created"] = new JsonObject { ["timestampValue"] = created },
            ["visible"] = new JsonObject { ["booleanValue"] = visible },
            ["size"] = new JsonObject { ["integerValue"] = size.ToString(CultureInfo.InvariantCulture) },
            ["labels"] = new JsonObject { ["arrayValue"] = labels.Length == 0 ? new JsonObject() : new JsonObject { ["values"] = values } },
        };
        return new JsonObject { ["fields"] = fields }.ToJsonString();
    }
}
