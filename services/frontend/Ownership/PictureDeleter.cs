using Microsoft.Extensions.Options;
using PicADaily.Frontend.Access;
using PicADaily.Frontend.Storage;
using PicADaily.ServiceDefaults.Hosting;

namespace PicADaily.Frontend.Ownership;

public enum DeleteOutcome
{
    Deleted,
    NotFound,
    Refused,
    Changed,
}

/// <summary>What became of a delete request, with the reason when it was not done.</summary>
public sealed record DeleteResult(DeleteOutcome Outcome, string? Reason);

/// <summary>
/// Deletes an original for whoever may (see <see cref="PictureAccess"/>). Only the generation whose
/// capability was checked is deleted: its deletion event makes the choreography clean up the rest.
/// </summary>
public sealed partial class PictureDeleter(IPictureObjects objects, IOptions<PicADailySettings> settings, ILogger<PictureDeleter> logger)
{
    public async Task<DeleteResult> DeleteAsync(string name, Viewer viewer, string? token, CancellationToken cancellationToken)
    {
        var bucket = settings.Value.PicturesBucket;
        if (await objects.GetAsync(bucket, name, cancellationToken) is not { } original)
        {
            return new DeleteResult(DeleteOutcome.NotFound, "No such picture.");
        }

        var decision = PictureAccess.ToDelete(original, viewer, token);
        if (!decision.Allowed)
        {
            LogRefused(logger, name, original.Generation, viewer.Identity ?? "an anonymous request", decision.Reason);
            return new DeleteResult(DeleteOutcome.Refused, decision.Reason);
        }

        // Generation-specific: if the name was overwritten since the check, the new object is not this capability's to delete.
        if (!await objects.DeleteAsync(bucket, name, original.Generation, cancellationToken))
        {
            return new DeleteResult(DeleteOutcome.Changed, "The picture changed or vanished while it was being deleted; look again.");
        }

        LogDeleted(logger, name, original.Generation, viewer.Identity ?? "the holder of its delete token", viewer.IsAdmin);
        return new DeleteResult(DeleteOutcome.Deleted, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused to delete {ObjectName}#{Generation} for {Identity}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string objectName, long generation, string identity, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {ObjectName}#{Generation} for {Identity} (admin: {IsAdmin})")]
    private static partial void LogDeleted(ILogger logger, string objectName, long generation, string identity, bool isAdmin);
}
