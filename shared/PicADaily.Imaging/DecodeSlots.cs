using System.Threading.RateLimiting;

namespace PicADaily.Imaging;

/// <summary>
/// What may be decoded at once in this process, first come first served, counted two ways:
/// <list type="bullet">
/// <item>slots, one decode per slot (default one per core): a decode holds a whole core (ImageSharp runs
/// single-threaded here, see <c>ImagingConfiguration</c>), so more decodes than cores only make each one
/// slower until all of them miss their time limit;</item>
/// <item>a pixel budget (default <see cref="DefaultPixelBudget"/>): ImageSharp 2.1.13 cannot decode at a
/// reduced size, so a decode holds every pixel of the picture (3 bytes each as Rgb24, 4 as Rgba32) and the
/// picture's size, not the number of decodes, is what fills memory. A 48 MP photo takes the whole default
/// budget and decodes alone; 12 MP photos share it. A picture larger than the budget waits until the
/// budget is whole and then decodes alone, so it is never refused for its size here (the caps do that).</item>
/// </list>
/// A decode first waits for its pixels, then for a slot, so a large picture waiting for memory never keeps
/// a core idle, and whoever holds a slot already holds its pixels (no one waits while holding the other).
/// The queues are not bounded here: the event endpoint's admission bounds how much work can be waiting.
/// One per process, shared by every <see cref="SafeImageLoader"/> made through dependency injection.
/// </summary>
public sealed class DecodeSlots : IDisposable
{
    private readonly FirstComeFirstServed slots;
    private readonly FirstComeFirstServed pixels;
    private long waiting;

    public DecodeSlots(int capacity)
        : this(capacity, DefaultPixelBudget)
    {
    }

    public DecodeSlots(int capacity, long pixelBudget)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pixelBudget, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pixelBudget, int.MaxValue);
        Capacity = capacity;
        PixelBudget = pixelBudget;
        slots = new FirstComeFirstServed(capacity);
        pixels = new FirstComeFirstServed(pixelBudget);
    }

    /// <summary>One slot per core.</summary>
    public static int DefaultCapacity => Environment.ProcessorCount;

    /// <summary>50 megapixels: one 48 MP photo (144 MB as Rgb24, 192 MB as Rgba32) or four 12 MP ones at once.</summary>
    public static long DefaultPixelBudget => 50_000_000;

    public int Capacity { get; }

    public long PixelBudget { get; }

    /// <summary>Decodes waiting for their pixels or for a slot.</summary>
    public long Waiting => Interlocked.Read(ref waiting);

    /// <summary>Pixels asked for by decodes still waiting for the budget.</summary>
    public long PixelsWaiting => pixels.Queued;

    /// <summary>Waits for a free slot (no pixels: identifying a picture decodes none); dispose the lease to free it.</summary>
    public ValueTask<IDisposable> AcquireAsync(CancellationToken cancellationToken) => AcquireAsync(0, cancellationToken);

    /// <summary>Waits for <paramref name="pixelCount"/> pixels of the budget (at most all of it), then for a free slot; dispose the lease to free both.</summary>
    public async ValueTask<IDisposable> AcquireAsync(long pixelCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pixelCount);
        Interlocked.Increment(ref waiting);
        RateLimitLease? budget = null;
        try
        {
            if (pixelCount > 0)
            {
                budget = await pixels.AcquireAsync(pixelCount, cancellationToken);
            }

            var slot = await slots.AcquireAsync(1, cancellationToken);
            return new Lease(slot, budget);
        }
        catch
        {
            budget?.Dispose();
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
    }

    public void Dispose()
    {
        slots.Dispose();
        pixels.Dispose();
    }

    private sealed class Lease(RateLimitLease slot, RateLimitLease? budget) : IDisposable
    {
        public void Dispose()
        {
            slot.Dispose();
            budget?.Dispose();
        }
    }
}
