namespace PicADaily.Imaging;

/// <summary>
/// How many bytes of downloaded originals this process holds at once, first come first served
/// (<c>Images:OriginalsBudget</c>, default <see cref="DefaultBytes"/>). A picture reserves its size before
/// its content is read and gives it back once it is decoded, so a batch of large photos waits in the
/// queue as events, not as arrays: 8 × 48 MP photos (9.9 MB each) admitted at once held 80 MB of
/// originals while one of them decoded. A picture larger than the whole budget waits until the budget
/// is whole and then goes alone, so it is never refused for its size here (the size limit does that).
/// </summary>
public sealed class OriginalsBudget : IDisposable
{
    private readonly FirstComeFirstServed bytes;

    public OriginalsBudget(long budgetBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(budgetBytes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(budgetBytes, int.MaxValue);
        Bytes = budgetBytes;
        bytes = new FirstComeFirstServed(budgetBytes);
    }

    /// <summary>
    /// 16 MiB: phone photos (3–5 MB) decoding on two cores and a few more ready, or one 48 MP photo (10 MB),
    /// which the decode pixel budget lets decode only alone anyway. 8 × 48 MP at once peaked about 20 MB
    /// lower with it than with 32 MiB; 100 × 12 MP photos lost no throughput.
    /// </summary>
    public static long DefaultBytes => 16 * 1024 * 1024;

    public long Bytes { get; }

    /// <summary>Bytes still free.</summary>
    public long Available => bytes.Available;

    /// <summary>
    /// Waits until <paramref name="size"/> bytes (at most the whole budget) are free; dispose the lease to give
    /// them back (disposing it again gives nothing back twice).
    /// </summary>
    public async ValueTask<IDisposable> ReserveAsync(long size, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        return await bytes.AcquireAsync(size, cancellationToken);
    }

    public void Dispose() => bytes.Dispose();
}
