using System.Text.Json;
using System.Threading.Channels;

using Microsoft.Data.Sqlite;

namespace PicADaily.LocalCloud.PubSub.State;

/// <summary>
/// Durable Pub/Sub state in SQLite (WAL) under <c>&lt;data&gt;/pubsub/</c>. All writes go through one
/// writer that commits whatever has queued up in a single transaction (group commit), so many
/// concurrent publishes and acks cost one fsync-free WAL append between them. A write's task
/// completes only after its transaction committed.
/// </summary>
public sealed class PubSubStore : IAsyncDisposable
{
    private const int MaxBatch = 2048;
    private readonly Channel<PendingWrite> queue = Channel.CreateUnbounded<PendingWrite>(new() { SingleReader = true });
    private readonly SqliteConnection connection;
    private readonly StoreCommands commands;
    private readonly Task writer;
    private readonly ILogger logger;

    public PubSubStore(string folder, ILogger logger)
    {
        this.logger = logger;
        Directory.CreateDirectory(folder);
        connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, "pubsub.db"),
            Pooling = false,
        }.ToString());
        connection.Open();
        // WAL + synchronous=NORMAL: a committed transaction survives the process being killed
        // (SIGKILL); only a power loss could drop the last commits, which a dev stand-in accepts.
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        Execute(StoreSchema.Create);
        Execute(StoreSchema.PurgeOrphans);
        commands = new StoreCommands(connection);
        writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Queues a change; the task completes once it is committed.</summary>
    public Task WriteAsync(Action<StoreCommands> change)
    {
        var pending = new PendingWrite(change, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending))
        {
            return Task.FromException(new ObjectDisposedException(nameof(PubSubStore)));
        }

        return pending.Done.Task;
    }

    public StoreSnapshot Load() => StoreLoader.Load(connection);

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await writer;
        commands.Dispose();
        await connection.DisposeAsync();
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                Commit(batch);
                foreach (var write in batch)
                {
                    write.Done.TrySetResult();
                }
            }
            catch (Exception batchError) when (batch.Count > 1)
            {
                // One bad change must not sink its neighbours: retry each alone to find it.
                logger.LogWarning(batchError, "A Pub/Sub store batch of {Count} failed; committing them one by one", batch.Count);
                foreach (var write in batch)
                {
                    CommitAlone(write);
                }
            }
            catch (Exception error)
            {
                batch[0].Done.TrySetException(error);
            }

            batch.Clear();
        }
    }

    private void CommitAlone(PendingWrite write)
    {
        try
        {
            Commit([write]);
            write.Done.TrySetResult();
        }
        catch (Exception error)
        {
            write.Done.TrySetException(error);
        }
    }

    private void Commit(List<PendingWrite> batch)
    {
        using var transaction = connection.BeginTransaction();
        commands.Enlist(transaction);
        foreach (var write in batch)
        {
            write.Change(commands);
        }

        transaction.Commit();
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static string ToJson<T>(T value) => JsonSerializer.Serialize(value, PubSubJson.Options);

    private sealed record PendingWrite(Action<StoreCommands> Change, TaskCompletionSource Done);
}
