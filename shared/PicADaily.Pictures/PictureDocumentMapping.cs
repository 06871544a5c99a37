using PicADaily.Contracts.Pictures;
using PicADaily.GoogleCloud.Firestore;

namespace PicADaily.Pictures;

/// <summary>The picture document ⇄ Firestore fields (names from <see cref="PictureFields"/>).</summary>
internal static class PictureDocumentMapping
{
    public static Dictionary<string, FirestoreValue> ToFields(PictureDocument picture) => new()
    {
        [PictureFields.Name] = picture.Name,
        [PictureFields.Generation] = picture.Generation,
        [PictureFields.Labels] = new ArrayValue(picture.Labels.Select(label => (FirestoreValue)label).ToArray()),
        [PictureFields.Color] = picture.Color is null ? new NullValue() : picture.Color,
        [PictureFields.Created] = picture.Created,
        [PictureFields.Safe] = picture.Safe,
        [PictureFields.Analyzed] = picture.Analyzed,
        [PictureFields.RejectionReason] = picture.RejectionReason is null ? new NullValue() : picture.RejectionReason,
        [PictureFields.Thumbnail] = picture.Thumbnail,
        [PictureFields.TraceParent] = picture.TraceParent is null ? new NullValue() : picture.TraceParent,
        [PictureFields.FailedBy] = new ArrayValue(picture.FailedBy.Select(service => (FirestoreValue)service).ToArray()),
        [PictureFields.Visible] = picture.Visible,
    };

    public static PictureDocument FromFields(FirestoreDocument document) => new()
    {
        Name = document[PictureFields.Name] is StringValue name ? name.Value : PictureDocumentId.ToObjectName(document.Id),
        Generation = document[PictureFields.Generation] is IntegerValue generation ? generation.Value : 0,
        Labels = document[PictureFields.Labels] is ArrayValue labels ? labels.Values.OfType<StringValue>().Select(l => l.Value).ToList() : [],
        Color = document[PictureFields.Color] is StringValue color ? color.Value : null,
        Created = document[PictureFields.Created] is TimestampValue created ? created.Value : DateTimeOffset.MinValue,
        Safe = document[PictureFields.Safe] is BooleanValue { Value: true },
        Analyzed = document[PictureFields.Analyzed] is BooleanValue { Value: true },
        RejectionReason = document[PictureFields.RejectionReason] is StringValue reason ? reason.Value : null,
        Thumbnail = document[PictureFields.Thumbnail] is BooleanValue { Value: true },
        TraceParent = document[PictureFields.TraceParent] is StringValue traceParent ? traceParent.Value : null,
        FailedBy = document[PictureFields.FailedBy] is ArrayValue failedBy ? failedBy.Values.OfType<StringValue>().Select(s => s.Value).ToList() : [],
    };
}
