namespace PicADaily.EndToEnd.Tests.Property;

/// <summary>
/// A seeded random history: every picture written once, then as many random overwrites and deletes,
/// with one service kill and one LocalCloud restart placed at random points. The same seed always
/// gives the same history.
/// </summary>
public static class PictureHistory
{
    public static IReadOnlyList<PictureOperation> Generate(int seed, int pictures)
    {
        var random = new Random(seed);
        var names = Enumerable.Range(0, pictures).Select(i => $"s{seed}-p{i:000}.jpg").ToList();
        var live = new HashSet<string>(StringComparer.Ordinal);
        var operations = new List<PictureOperation>();
        foreach (var name in names)
        {
            operations.Add(new PictureOperation.Write(name, random.Next()));
            live.Add(name);
        }

        for (var i = 0; i < pictures; i++)
        {
            var name = names[random.Next(names.Count)];
            if (live.Contains(name) && random.Next(2) == 0)
            {
                operations.Add(new PictureOperation.Delete(name));
                live.Remove(name);
            }
            else
            {
                operations.Add(new PictureOperation.Write(name, random.Next()));
                live.Add(name);
            }
        }

        // Early enough that pictures are still flowing behind both faults.
        operations.Insert(random.Next(operations.Count / 3), new PictureOperation.KillAfterWrite(random.Next(2) == 0 ? "thumbnail" : "image-analysis"));
        operations.Insert((operations.Count / 2) + random.Next(operations.Count / 3), new PictureOperation.RestartLocalCloud());
        return operations;
    }
}
