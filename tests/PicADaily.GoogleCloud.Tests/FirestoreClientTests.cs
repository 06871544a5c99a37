using PicADaily.GoogleCloud.Errors;
using PicADaily.GoogleCloud.Firestore;
using PicADaily.GoogleCloud.Tests.Support;

namespace PicADaily.GoogleCloud.Tests;

public sealed class FirestoreClientTests : IDisposable
{
    private const string Documents = "/v1/projects/p/databases/(default)/documents";

    private readonly FakeGoogleApi _api = new();

    public void Dispose() => _api.Dispose();

    private FirestoreClient CloudClient() => new(_api.CreateHttpClient(), _api.CloudOptions("p"), _api.Tokens);

    private FirestoreClient EmulatorClient() => new(_api.CreateHttpClient(), _api.EmulatorOptions("p"), _api.Tokens);

    [Fact]
    public async Task Get_decodes_every_field_kind_and_the_document_times()
    {
        _api.Respond("GET", $"{Documents}/pictures/abc", 200, Fixture.Read("firestore/document.json"));

        var document = await CloudClient().GetDocumentAsync("pictures", "abc", CancellationToken.None);

        Assert.NotNull(document);
        Assert.Equal("abc", document.Id);
        Assert.Equal(new StringValue("cat.jpg"), document["name"]);
        Assert.Equal(new IntegerValue(1587627537231057), document["generation"]);
        Assert.Equal(new BooleanValue(true), document["safe"]);
        Assert.Equal(new TimestampValue(new DateTimeOffset(2024, 1, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1234560)), document["created"]);
        Assert.Equal(new ArrayValue("Cat", "Mammal"), document["labels"]);
        Assert.Equal(new MapValue(new Dictionary<string, FirestoreValue> { ["r"] = 255L, ["g"] = 0L }), document["color"]);
        Assert.Equal(new DoubleValue(0.93), document["score"]);
        Assert.Equal(FirestoreValue.Null, document["thumbnail"]);
        Assert.Equal(new ArrayValue(), document["empty"]);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 10, 0, 5, TimeSpan.Zero).AddTicks(6543210), document.UpdateTime);
        _api.SingleRequest().HasGoogleToken();
    }

    [Fact]
    public async Task Get_of_a_missing_document_returns_null()
    {
        _api.Respond("GET", $"{Documents}/pictures/nope", 404, Fixture.Read("errors/not-found.json"));

        Assert.Null(await CloudClient().GetDocumentAsync("pictures", "nope", CancellationToken.None));
    }

    [Fact]
    public async Task Emulator_requests_carry_Bearer_owner_and_no_Google_token()
    {
        _api.Respond("GET", $"{Documents}/pictures/abc", 200, Fixture.Read("firestore/document.json"));

        await EmulatorClient().GetDocumentAsync("pictures", "abc", CancellationToken.None);

        Assert.Equal("Bearer owner", _api.SingleRequest().Header("Authorization"));
        Assert.Equal(0, _api.Tokens.Calls);
    }

    [Fact]
    public async Task Get_is_retried_after_a_503()
    {
        _api.RespondOnceThenSucceed("GET", $"{Documents}/pictures/abc", 503, Fixture.Read("errors/unavailable.json"), Fixture.Read("firestore/document.json"));

        Assert.NotNull(await CloudClient().GetDocumentAsync("pictures", "abc", CancellationToken.None));
        Assert.Equal(2, _api.Requests.Count);
    }

    [Fact]
    public async Task Document_ids_are_percent_encoded_as_one_path_segment()
    {
        _api.Server.Given(WireMock.RequestBuilders.Request.Create().UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(404).WithBody(Fixture.Read("errors/not-found.json")));

        await CloudClient().GetDocumentAsync("pictures", "a b?c#d%é", CancellationToken.None);

        // The server decodes what is safe to decode; '?', '#' and '%' stay escaped inside the one segment.
        var request = _api.SingleRequest().RequestMessage;
        Assert.EndsWith("/documents/pictures/a b%3Fc%23d%25é", request.AbsoluteUrl);
        Assert.True(string.IsNullOrEmpty(request.RawQuery));
    }

    [Fact]
    public async Task Create_posts_the_fields_with_the_document_id_in_the_query()
    {
        _api.Respond("POST", $"{Documents}/pictures", 200, Fixture.Read("firestore/document.json"));
        var fields = new Dictionary<string, FirestoreValue> { ["name"] = "cat.jpg", ["generation"] = 1587627537231057L, ["safe"] = true };

        var created = await CloudClient().CreateDocumentAsync("pictures", "abc", fields, CancellationToken.None);

        var request = _api.SingleRequest();
        Assert.Equal("POST", request.RequestMessage.Method);
        Assert.Equal("documentId=abc", request.RequestMessage.RawQuery?.TrimStart('?'));
        Fixture.AssertSameJson(Fixture.Read("firestore/create-request.json"), request.RequestMessage.Body);
        Assert.Equal("projects/my-proj/databases/(default)/documents/pictures/abc", created.Name);
    }

    [Fact]
    public async Task Create_of_an_existing_document_fails_with_AlreadyExists()
    {
        _api.Respond("POST", $"{Documents}/pictures", 409, Fixture.Read("errors/already-exists.json"));

        var e = await Assert.ThrowsAsync<GoogleApiRequestException>(() =>
            CloudClient().CreateDocumentAsync("pictures", "abc", new Dictionary<string, FirestoreValue>(), CancellationToken.None));

        Assert.Equal(GoogleApiErrorKind.AlreadyExists, e.Kind);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task Patch_guarded_by_an_update_time_is_sent_as_a_commit_with_the_mask_and_the_guard()
    {
        // Google's Firestore emulator ignores currentDocument.updateTime as a query parameter; in a commit both honour it.
        _api.Respond("POST", $"{Documents}:commit", 200, Fixture.Read("firestore/commit-response.json"));
        _api.Respond("GET", $"{Documents}/pictures/abc", 200, Fixture.Read("firestore/document.json"));
        var updatedAt = new DateTimeOffset(2024, 1, 1, 10, 0, 5, TimeSpan.Zero).AddTicks(6543210);

        await CloudClient().PatchDocumentAsync("pictures", "abc",
            new Dictionary<string, FirestoreValue> { ["status"] = "labeled" },
            ["status", "meta.`x-y`"], FirestorePrecondition.LastUpdatedAt(updatedAt), CancellationToken.None);

        var commit = _api.Requests.First(r => r.RequestMessage.Path.EndsWith(":commit", StringComparison.Ordinal)).RequestMessage;
        using var body = System.Text.Json.JsonDocument.Parse(commit.Body!);
        var write = Assert.Single(body.RootElement.GetProperty("writes").EnumerateArray());
        Assert.EndsWith("/documents/pictures/abc", write.GetProperty("update").GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Equal(["status", "meta.`x-y`"], write.GetProperty("updateMask").GetProperty("fieldPaths").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(updatedAt, DateTimeOffset.Parse(write.GetProperty("currentDocument").GetProperty("updateTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Patch_with_exists_precondition_sends_currentDocument_exists()
    {
        _api.Respond("PATCH", $"{Documents}/pictures/abc", 200, Fixture.Read("firestore/document.json"));

        await CloudClient().PatchDocumentAsync("pictures", "abc", new Dictionary<string, FirestoreValue>(), null, FirestorePrecondition.MustExist, CancellationToken.None);

        Assert.Equal("currentDocument.exists=true", _api.SingleRequest().RequestMessage.RawQuery?.TrimStart('?'));
    }

    [Fact]
    public async Task Guarded_patch_that_loses_its_precondition_fails_with_PreconditionFailed_and_is_not_retried()
    {
        _api.Respond("POST", $"{Documents}:commit", 400, Fixture.Read("errors/failed-precondition.json"));

        var e = await Assert.ThrowsAsync<GoogleApiRequestException>(() => CloudClient().PatchDocumentAsync("pictures", "abc",
            new Dictionary<string, FirestoreValue> { ["status"] = "x" }, ["status"], FirestorePrecondition.LastUpdatedAt(DateTimeOffset.UnixEpoch), CancellationToken.None));

        Assert.Equal(GoogleApiErrorKind.PreconditionFailed, e.Kind);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task Guarded_patch_is_not_retried_after_a_503()
    {
        _api.Respond("PATCH", $"{Documents}/pictures/abc", 503, Fixture.Read("errors/unavailable.json"));

        var e = await Assert.ThrowsAsync<GoogleApiRequestException>(() => CloudClient().PatchDocumentAsync("pictures", "abc",
            new Dictionary<string, FirestoreValue>(), null, FirestorePrecondition.MustNotExist, CancellationToken.None));

        Assert.True(e.IsTransient);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task Delete_with_precondition_sends_it_and_maps_412_to_PreconditionFailed()
    {
        _api.Respond("DELETE", $"{Documents}/pictures/abc", 412);

        var e = await Assert.ThrowsAsync<GoogleApiRequestException>(() =>
            CloudClient().DeleteDocumentAsync("pictures", "abc", FirestorePrecondition.MustExist, CancellationToken.None));

        Assert.Equal(GoogleApiErrorKind.PreconditionFailed, e.Kind);
        var request = Assert.Single(_api.Requests);
        Assert.Equal("currentDocument.exists=true", request.RequestMessage.RawQuery?.TrimStart('?'));
    }

    [Fact]
    public async Task Run_query_sends_the_documented_structured_query_and_skips_elements_without_a_document()
    {
        _api.Respond("POST", $"{Documents}:runQuery", 200, Fixture.Read("firestore/runquery-response.json"));
        var query = new FirestoreQuery("images")
        {
            Where = FirestoreFilter.And(FirestoreFilter.Equal("status", "labeled"), FirestoreFilter.Equal("ownerId", "u-42")),
            OrderBy = [new("createdAt", FirestoreDirection.Descending), new(FirestoreOrder.DocumentNameField, FirestoreDirection.Descending)],
            StartAt = FirestoreCursor.StartAfter(
                new TimestampValue(new DateTimeOffset(2024, 1, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1234560)),
                new ReferenceValue("projects/p/databases/(default)/documents/images/abc")),
            Limit = 20,
        };

        var documents = await CloudClient().RunQueryAsync(query, CancellationToken.None);

        Assert.Equal(["def", "ghi"], documents.Select(d => d.Id));
        Assert.Empty(documents[1].Fields);
        var request = _api.SingleRequest();
        request.HasGoogleToken();
        Fixture.AssertSameJson(Fixture.Read("firestore/runquery-request.json"), request.RequestMessage.Body);
    }

    [Fact]
    public async Task Run_query_encodes_a_single_array_contains_filter_directly()
    {
        _api.Respond("POST", $"{Documents}:runQuery", 200, Fixture.Read("firestore/runquery-empty-response.json"));

        var documents = await CloudClient().RunQueryAsync(
            new FirestoreQuery("pictures") { Where = FirestoreFilter.ArrayContains("labels", "Cat"), OrderBy = [new("created")] },
            CancellationToken.None);

        Assert.Empty(documents);
        Fixture.AssertSameJson("""
            {"structuredQuery":{"from":[{"collectionId":"pictures"}],
             "where":{"fieldFilter":{"field":{"fieldPath":"labels"},"op":"ARRAY_CONTAINS","value":{"stringValue":"Cat"}}},
             "orderBy":[{"field":{"fieldPath":"created"},"direction":"ASCENDING"}]}}
            """, _api.SingleRequest().RequestMessage.Body);
    }

    [Fact]
    public async Task Run_query_needing_an_index_fails_with_PreconditionFailed()
    {
        _api.Respond("POST", $"{Documents}:runQuery", 400, Fixture.Read("firestore/runquery-error-response.json"));

        var e = await Assert.ThrowsAsync<GoogleApiRequestException>(() => CloudClient().RunQueryAsync(new FirestoreQuery("images"), CancellationToken.None));

        Assert.Equal(GoogleApiErrorKind.PreconditionFailed, e.Kind);
        Assert.Contains("requires an index", e.Message);
    }

    [Fact]
    public async Task Commit_sends_update_with_mask_transform_and_precondition_then_delete_atomically()
    {
        _api.Respond("POST", $"{Documents}:commit", 200, Fixture.Read("firestore/commit-response.json"));

        var result = await CloudClient().CommitAsync(
        [
            FirestoreWrite.Update("images", "abc", new Dictionary<string, FirestoreValue> { ["status"] = "labeled" },
                updateMask: ["status"], precondition: FirestorePrecondition.MustExist, setToRequestTime: ["updatedAt"]),
            FirestoreWrite.Delete("tmp", "x"),
        ], CancellationToken.None);

        Fixture.AssertSameJson(Fixture.Read("firestore/commit-request.json"), _api.SingleRequest().RequestMessage.Body);
        var commitTime = new DateTimeOffset(2024, 1, 1, 10, 0, 0, 500, TimeSpan.Zero);
        Assert.Equal(commitTime, result.CommitTime);
        Assert.Equal(2, result.WriteResults.Count);
        Assert.Equal(new TimestampValue(commitTime), Assert.Single(result.WriteResults[0].TransformResults));
        Assert.Null(result.WriteResults[1].UpdateTime);
    }

    [Fact]
    public async Task Commit_that_meets_contention_fails_with_Aborted_and_is_not_retried()
    {
        _api.Respond("POST", $"{Documents}:commit", 409, Fixture.Read("errors/aborted.json"));

        var e = await Assert.ThrowsAsync<GoogleApiRequestException>(() =>
            CloudClient().CommitAsync([FirestoreWrite.Delete("tmp", "x")], CancellationToken.None));

        Assert.Equal(GoogleApiErrorKind.Aborted, e.Kind);
        Assert.Single(_api.Requests);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("__id__")]
    public async Task Invalid_document_ids_are_rejected_before_anything_is_sent(string documentId)
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            CloudClient().PatchDocumentAsync("pictures", documentId, new Dictionary<string, FirestoreValue>(), null, null, CancellationToken.None));

        Assert.Contains("not a valid Firestore document id", e.Message);
        Assert.Empty(_api.Requests);
    }
}
