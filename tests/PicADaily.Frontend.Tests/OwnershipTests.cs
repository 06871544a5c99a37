using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PicADaily.Contracts.Pictures;
using PicADaily.Frontend.Tests.Support;

namespace PicADaily.Frontend.Tests;

/// <summary>Ownership without accounts: each upload's delete capability, admins, and what hidden pictures show.</summary>
public sealed class OwnershipTests : IDisposable
{
    private readonly FrontendFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task Only_the_hash_of_the_capability_handed_to_the_uploader_is_stored_with_the_picture()
    {
        var client = factory.CreateClient();
        var (name, deleteToken) = await UploadAsync(client);

        var stored = factory.Objects.In("pictures").Single(o => o.Info.Name == name);
        Assert.True(Convert.FromBase64String(deleteToken.Replace('-', '+').Replace('_', '/') + "=").Length >= 16);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deleteToken))), stored.Info.Metadata["deleteTokenSha256"]);
        Assert.DoesNotContain(stored.Info.Metadata.Values, v => v.Contains(deleteToken, StringComparison.Ordinal));
        Assert.False(stored.Info.Metadata.ContainsKey("uploadedBy"));
    }

    [Fact]
    public async Task Delete_without_the_capability_is_403_with_a_reason_and_the_picture_stays()
    {
        var client = factory.CreateClient();
        var (name, _) = await UploadAsync(client);

        var response = await DeleteAsync(client, name, deleteToken: null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Delete-Token", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single(factory.Objects.In("pictures"));
    }

    [Fact]
    public async Task Another_uploads_capability_is_403_and_the_uploaders_own_is_204()
    {
        var client = factory.CreateClient();
        var (mine, myToken) = await UploadAsync(client);
        var (theirs, _) = await UploadAsync(client);

        var wrong = await DeleteAsync(client, theirs, myToken);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(2, factory.Objects.In("pictures").Count);

        var right = await DeleteAsync(client, mine, myToken);
        Assert.Equal(HttpStatusCode.NoContent, right.StatusCode);
        Assert.Equal(theirs, Assert.Single(factory.Objects.In("pictures")).Info.Name);
    }

    [Fact]
    public async Task The_pages_delete_form_needs_the_capability_too()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var (name, deleteToken) = await UploadAsync(client);
        var antiforgery = await Antiforgery.TokenAsync(client);

        var refused = await client.PostAsync($"/pictures/{name}?handler=Delete", new FormUrlEncodedContent([new("__RequestVerificationToken", antiforgery), new("deleteToken", "not-the-token")]));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Not deleted: That delete token does not belong to this picture.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(factory.Objects.In("pictures"));

        var deleted = await client.PostAsync($"/pictures/{name}?handler=Delete", new FormUrlEncodedContent([new("__RequestVerificationToken", antiforgery), new("deleteToken", deleteToken)]));
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.EndsWith("?deleted=true", deleted.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Empty(factory.Objects.In("pictures"));
    }

    [Fact]
    public async Task A_picture_dropped_into_the_bucket_can_be_deleted_only_by_an_admin()
    {
        factory.Objects.Put("pictures", "dropped.png", TestImages.Png);
        using var admins = new AccessFactory(("Access:DevelopmentIdentity", "dev@localhost"), ("Access:Admins:0", "dev@localhost"));
        admins.Objects.Put("pictures", "dropped.png", TestImages.Png);

        var refused = await DeleteAsync(factory.CreateClient(), "dropped.png", deleteToken: null);
        var adminClient = admins.CreateClient();
        var deleted = await DeleteAsync(adminClient, "dropped.png", deleteToken: null);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("only an admin", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single(factory.Objects.In("pictures"));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(admins.Objects.In("pictures"));
        Assert.Contains("(development identity, not a verified person)", await adminClient.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_development_identity_is_recorded_as_the_uploader_and_labelled()
    {
        using var dev = new AccessFactory(("Access:DevelopmentIdentity", "dev@localhost"));
        var (name, _) = await UploadAsync(dev.CreateClient());

        Assert.Equal("dev@localhost (development identity)", dev.Objects.In("pictures").Single(o => o.Info.Name == name).Info.Metadata["uploadedBy"]);
    }

    [Fact]
    public async Task An_unsafe_pictures_original_is_served_only_to_its_uploader_and_its_page_says_why_without_it()
    {
        var client = factory.CreateClient();
        var (name, deleteToken) = await UploadAsync(client);
        var generation = factory.Objects.In("pictures").Single().Info.Generation;
        factory.Directory.Add(new PictureDocument { Name = name, Generation = generation, Analyzed = true, Safe = false, RejectionReason = "adult: LIKELY" });
        factory.Objects.Put("thumbnails", name, TestImages.Png);

        var stranger = await factory.CreateClient().GetAsync("/api/images/" + name);
        var thumbnail = await factory.CreateClient().GetAsync("/api/thumbnails/" + name);
        using var own = new HttpRequestMessage(HttpMethod.Get, "/api/images/" + name);
        own.Headers.Add("Delete-Token", deleteToken);
        var owner = await client.SendAsync(own);
        var page = await client.GetStringAsync("/pictures/" + name);

        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, thumbnail.StatusCode);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        Assert.True(owner.Headers.CacheControl?.NoStore);
        Assert.Contains("Not shown: rejected as unsafe", page, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"/api/images/", page, StringComparison.Ordinal);
    }

    private static async Task<(string Name, string DeleteToken)> UploadAsync(HttpClient client)
    {
        var token = await Antiforgery.TokenAsync(client);
        var part = new ByteArrayContent(TestImages.Png);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/pictures") { Content = new MultipartFormDataContent { { part, "pictures", "mine.png" } } };
        request.Headers.Add(Antiforgery.HeaderName, token);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0];
        return (result.GetProperty("name").GetString()!, result.GetProperty("deleteToken").GetString()!);
    }

    private static async Task<HttpResponseMessage> DeleteAsync(HttpClient client, string name, string? deleteToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/pictures/" + name);
        request.Headers.Add(Antiforgery.HeaderName, await Antiforgery.TokenAsync(client));
        if (deleteToken is not null)
        {
            request.Headers.Add("Delete-Token", deleteToken);
        }

        return await client.SendAsync(request);
    }
}
