namespace PicADaily.LocalCloud.Storage.State;

/// <summary>
/// Serialises every change to bucket folders and the index, so "look at the live object, check
/// preconditions, move the file, record it" is one step for API calls and the folder scanner alike.
/// </summary>
public sealed class StorageMutex
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        return new Releaser(gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
