namespace PicADaily.EndToEnd.Tests.Property;

/// <summary>The generated histories are what the property test claims to run.</summary>
public sealed class PictureHistoryTests
{
    [Fact]
    public void A_seed_always_gives_the_same_history()
    {
        Assert.Equal(PictureHistory.Generate(7, 30), PictureHistory.Generate(7, 30));
        Assert.NotEqual(PictureHistory.Generate(7, 30), PictureHistory.Generate(8, 30));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_history_writes_every_picture_has_one_kill_and_one_restart_and_deletes_only_what_was_written(int seed)
    {
        var history = PictureHistory.Generate(seed, 30);

        Assert.Single(history.OfType<PictureOperation.KillAfterWrite>());
        Assert.Single(history.OfType<PictureOperation.RestartLocalCloud>());
        Assert.Equal(30, history.OfType<PictureOperation.Write>().Select(w => w.Name).Distinct().Count());
        Assert.Contains(history, o => o is PictureOperation.Delete);
        Assert.True(history.OfType<PictureOperation.Write>().Count() > 30, "no overwrite");
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in history)
        {
            if (operation is PictureOperation.Write write)
            {
                written.Add(write.Name);
            }
            else if (operation is PictureOperation.Delete delete)
            {
                Assert.Contains(delete.Name, written);
            }
        }
    }
}
