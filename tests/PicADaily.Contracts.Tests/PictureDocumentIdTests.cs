using System.Text;
using CsCheck;
using PicADaily.Contracts.Pictures;
using PicADaily.Contracts.Storage;

namespace PicADaily.Contracts.Tests;

public sealed class PictureDocumentIdTests
{
    private static readonly Gen<string> ObjectNamePieces =
        Gen.OneOf("a", "Z", "0", "/", "%", "%2F", "~", "_", "__", ".", "..", " ", "-", "é", "日本", "🙂", "\u200F", "<img>", "+", "=");

    public static TheoryData<string> Names() => new()
    {
        "cat.jpg",
        "holidays/2024/beach day.jpg",
        "100% real.png",
        "%2F is not a slash.jpg",
        "~tilde.jpg",
        "__reserved__",
        "_leading",
        "日本語/写真 🙂.webp",
        "a/../b",
        "trailing/",
        "/leading",
        new string('x', 1024),
        new string('/', 1024),
        string.Concat(Enumerable.Repeat("é", 512)),
        string.Concat(Enumerable.Repeat("%", 1024)),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Document_id_round_trips_and_is_a_valid_firestore_id(string objectName)
    {
        Assert.Null(ObjectNames.Validate(objectName));

        var id = PictureDocumentId.FromObjectName(objectName);

        AssertValidFirestoreId(id);
        Assert.Equal(objectName, PictureDocumentId.ToObjectName(id));
    }

    [Fact]
    public void Short_names_keep_a_readable_id()
    {
        Assert.Equal("holidays%2Fbeach day.jpg", PictureDocumentId.FromObjectName("holidays/beach day.jpg"));
    }

    [Fact]
    public void Any_valid_object_name_maps_to_a_distinct_valid_id_and_back()
    {
        ObjectNamePieces.Array[1, 400]
            .Select(pieces => string.Concat(pieces))
            .Where(name => ObjectNames.Validate(name) is null)
            .Sample(name =>
            {
                var id = PictureDocumentId.FromObjectName(name);
                AssertValidFirestoreId(id);
                Assert.Equal(name, PictureDocumentId.ToObjectName(id));
            });
    }

    [Fact]
    public void Different_names_never_share_an_id()
    {
        Gen.Select(ObjectNamePieces.Array[1, 30], ObjectNamePieces.Array[1, 30])
            .Select((a, b) => (string.Concat(a), string.Concat(b)))
            .Where(pair => pair.Item1 != pair.Item2 && ObjectNames.Validate(pair.Item1) is null && ObjectNames.Validate(pair.Item2) is null)
            .Sample(pair => Assert.NotEqual(PictureDocumentId.FromObjectName(pair.Item1), PictureDocumentId.FromObjectName(pair.Item2)));
    }

    private static void AssertValidFirestoreId(string id)
    {
        Assert.True(Encoding.UTF8.GetByteCount(id) <= 1500, $"id is {Encoding.UTF8.GetByteCount(id)} bytes");
        Assert.DoesNotContain('/', id);
        Assert.NotEqual(".", id);
        Assert.NotEqual("..", id);
        Assert.False(id.StartsWith("__", StringComparison.Ordinal) && id.EndsWith("__", StringComparison.Ordinal), $"'{id}' matches __.*__");
    }
}
