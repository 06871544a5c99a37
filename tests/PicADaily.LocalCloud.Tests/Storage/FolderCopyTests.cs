using PicADaily.LocalCloud.Storage;
using PicADaily.LocalCloud.Storage.Http;
using PicADaily.LocalCloud.Storage.Model;
using PicADaily.LocalCloud.Storage.Notifications;

namespace PicADaily.LocalCloud.Tests.Storage;

/// <summary>
/// One copy, one generation: each way of copying a picture into a bucket folder, replayed as the
/// tool's own sequence of writes, renames and time/mode changes, with the scanner looking in
/// between as a scanner on a saturated machine would (every look more than a settle interval apart).
/// </summary>
public sealed class FolderCopyTests
{
    private static readonly DateTime OriginalTime = new(2024, 5, 1, 10, 30, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Cp_stalled_mid_file_for_longer_than_the_settle_interval_gives_one_generation_of_the_whole_file()
    {
        using var folder = await FolderScannerHarness.StartAsync();
        var content = CopiedPictures.Jpeg(3_300_000, seed: 1);

        await using (var file = new FileStream(folder.PathOf("photo.jpg"), FileMode.CreateNew, FileAccess.Write))
        {
            // cp creates the file, then writes; the scanner looks while it is empty and between stalled writes.
            await folder.StalledScanAsync();
            await folder.StalledScanAsync();
            await CopiedPictures.WriteInChunksAsync(file, content, chunks: 4, async () =>
            {
                await folder.StalledScanAsync();
                await folder.StalledScanAsync();
            });
        }

        Assert.Empty(folder.Notifications());
        await folder.SettleAsync();
        folder.AssertOneGeneration("photo.jpg", content);
    }

    [Fact]
    public async Task Cp_p_setting_the_original_time_after_the_file_was_announced_gives_no_second_generation()
    {
        using var folder = await FolderScannerHarness.StartAsync();
        var content = CopiedPictures.Jpeg(500_000, seed: 2);
        var path = folder.PathOf("photo.jpg");

        await File.WriteAllBytesAsync(path, content);
        await folder.SettleAsync();
        var announced = Assert.Single(folder.Finalizes("photo.jpg"));

        // cp -p (and rsync -a, file managers) stalled after the data, then set the source's times.
        File.SetLastWriteTimeUtc(path, OriginalTime);
        await folder.SettleAsync();

        folder.AssertOneGeneration("photo.jpg", content);
        var stored = folder.Get("photo.jpg")!;
        Assert.Equal(announced.Generation, stored.Generation);
        Assert.Equal(OriginalTime.Ticks, stored.FileTicks);
    }

    [Fact]
    public async Task A_copy_followed_by_a_mode_change_gives_one_generation()
    {
        using var folder = await FolderScannerHarness.StartAsync();
        var content = CopiedPictures.Jpeg(200_000, seed: 3);
        var path = folder.PathOf("photo.jpg");

        await File.WriteAllBytesAsync(path, content);
        await folder.SettleAsync();
        CopiedPictures.ChangeMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        await folder.SettleAsync();
        CopiedPictures.ChangeMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await folder.SettleAsync();

        folder.AssertOneGeneration("photo.jpg", content);
    }

    [Fact]
    public async Task Rsync_writing_a_hidden_temporary_file_with_stalls_then_renaming_it_gives_one_generation_and_never_announces_the_temporary()
    {
        using var folder = await FolderScannerHarness.StartAsync();
        var content = CopiedPictures.Jpeg(3_300_000, seed: 4);
        var temporary = folder.PathOf(".photo.jpg.q7Xk2A");

        // rsync -a: write .name.XXXXXX, set mode and times on it, rename it over the name.
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
        {
            await CopiedPictures.WriteInChunksAsync(file, content, chunks: 3, async () =>
            {
                await folder.StalledScanAsync();
                await folder.ScanAfterAsync(TimeSpan.FromMinutes(5));
            });
        }

        await folder.ScanAfterAsync(TimeSpan.FromMinutes(5));
        CopiedPictures.ChangeMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetLastWriteTimeUtc(temporary, OriginalTime);
        await folder.ScanAfterAsync(TimeSpan.FromMinutes(5));
        Assert.Empty(folder.Notifications());

        File.Move(temporary, folder.PathOf("photo.jpg"));
        await folder.SettleAsync();

        folder.AssertOneGeneration("photo.jpg", content);
        Assert.Single(folder.Notifications());
    }

    [Theory]
    [InlineData("photo.jpg.part")]
    [InlineData(".goutputstream-ZX81QA")]
    [InlineData("photo.jpg.crdownload")]
    public async Task A_file_manager_writing_a_temporary_name_then_renaming_and_setting_times_and_mode_gives_one_generation(string temporaryName)
    {
        using var folder = await FolderScannerHarness.StartAsync();
        var content = CopiedPictures.Jpeg(1_000_000, seed: 5);
        var temporary = folder.PathOf(temporaryName);
        var path = folder.PathOf("photo.jpg");

        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
        {
            await CopiedPictures.WriteInChunksAsync(file, content, chunks: 4, () => folder.ScanAfterAsync(TimeSpan.FromMinutes(5)));
        }

        await folder.ScanAfterAsync(TimeSpan.FromMinutes(5));
        File.Move(temporary, path);
        await folder.SettleAsync();
        File.SetLastWriteTimeUtc(path, OriginalTime);
        CopiedPictures.ChangeMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await folder.SettleAsync();

        folder.AssertOneGeneration("photo.jpg", content);
        Assert.Single(folder.Notifications());
    }

    [Fact]
    public async Task Twenty_files_copied_at_once_with_stalls_and_times_set_afterwards_give_one_generation_each()
    {
        using var folder = await FolderScannerHarness.StartAsync();
        Directory.CreateDirectory(folder.PathOf("batch"));
        var contents = Enumerable.Range(0, 20).Select(i => CopiedPictures.Jpeg(300_000 + (i * 1000), seed: 100 + i)).ToList();
        var files = contents.Select((_, i) => new FileStream(folder.PathOf($"batch/{i:00}.jpg"), FileMode.CreateNew, FileAccess.Write)).ToList();
        try
        {
            await folder.StalledScanAsync();
            for (var i = 0; i < files.Count; i++)
            {
                await files[i].WriteAsync(contents[i].AsMemory(0, contents[i].Length / 2));
                await files[i].FlushAsync();
            }

            await folder.StalledScanAsync();
            await folder.StalledScanAsync();
            for (var i = 0; i < files.Count; i++)
            {
                await files[i].WriteAsync(contents[i].AsMemory(contents[i].Length / 2));
                await files[i].DisposeAsync();
                if (i % 5 == 0)
                {
                    // A complete file settles while the others are still being written.
                    await folder.StalledScanAsync();
                }
            }
        }
        finally
        {
            foreach (var file in files)
            {
                await file.DisposeAsync();
            }
        }

        await folder.SettleAsync();
        for (var i = 0; i < files.Count; i++)
        {
            File.SetLastWriteTimeUtc(folder.PathOf($"batch/{i:00}.jpg"), OriginalTime.AddMinutes(i));
        }

        await folder.SettleAsync();

        for (var i = 0; i < files.Count; i++)
        {
            folder.AssertOneGeneration($"batch/{i:00}.jpg", contents[i]);
        }

        Assert.Equal(20, folder.Notifications().Count);
    }

    [Fact]
    public async Task A_picture_that_stays_cut_off_is_announced_once_after_the_incomplete_grace_so_the_services_can_report_it()
    {
        using var folder = await FolderScannerHarness.StartAsync(incompleteGrace: TimeSpan.FromSeconds(30));
        var truncated = CopiedPictures.Jpeg(400_000, seed: 6)[..250_000];

        await File.WriteAllBytesAsync(folder.PathOf("cut.jpg"), truncated);
        await folder.ScanAsync();
        await folder.ScanAfterAsync(TimeSpan.FromSeconds(29));
        Assert.Empty(folder.Notifications());

        await folder.ScanAfterAsync(TimeSpan.FromSeconds(2));
        await folder.SettleAsync();
        folder.AssertOneGeneration("cut.jpg", truncated);
    }

    [Fact]
    public async Task A_file_that_is_not_a_picture_is_announced_after_the_settle_interval()
    {
        using var folder = await FolderScannerHarness.StartAsync();
        byte[] content = [1, 2, 3, 4];

        await File.WriteAllBytesAsync(folder.PathOf("notes.txt"), content);
        await folder.ScanAsync();
        await folder.ScanAfterAsync(FolderScannerHarness.Settle + TimeSpan.FromMilliseconds(1));

        folder.AssertOneGeneration("notes.txt", content);
    }

    [Fact]
    public async Task Different_bytes_of_the_same_size_written_over_an_object_are_a_new_generation()
    {
        using var folder = await FolderScannerHarness.StartAsync();
        var first = CopiedPictures.Jpeg(100_000, seed: 7);
        var second = CopiedPictures.Jpeg(100_000, seed: 8);
        var path = folder.PathOf("photo.jpg");

        await File.WriteAllBytesAsync(path, first);
        await folder.SettleAsync();
        await File.WriteAllBytesAsync(path, second);
        File.SetLastWriteTimeUtc(path, OriginalTime);
        await folder.SettleAsync();

        var stored = folder.Get("photo.jpg")!;
        Assert.Equal(Convert.ToBase64String(System.Security.Cryptography.MD5.HashData(second)), stored.Md5Hash);
        Assert.Equal(
            [NotificationOutbox.Finalize, NotificationOutbox.Finalize, NotificationOutbox.Delete],
            folder.Notifications().Select(n => n.EventType));
        Assert.Equal(stored.Generation, folder.Finalizes("photo.jpg")[^1].Generation);
    }

    [Fact]
    public async Task Hidden_and_temporary_files_left_in_the_folder_are_never_announced()
    {
        using var folder = await FolderScannerHarness.StartAsync();
        Directory.CreateDirectory(folder.PathOf(".Trash-1000/files"));
        foreach (var name in new[] { ".DS_Store", ".photo.jpg.AbC123", "a.part", "b.partial", "c.crdownload", "d.download", "e.tmp", "f.jpg~", ".Trash-1000/files/old.jpg" })
        {
            await File.WriteAllBytesAsync(folder.PathOf(name), CopiedPictures.Jpeg(1000, seed: name.Length));
        }

        await folder.SettleAsync();
        await folder.ScanAfterAsync(TimeSpan.FromHours(1));

        Assert.Empty(folder.Notifications());
        Assert.Empty(folder.Objects());
    }

    [Fact]
    public async Task An_object_created_through_the_API_with_a_hidden_name_is_neither_deleted_nor_re_announced_by_the_scanner_but_its_removal_is()
    {
        using var folder = await FolderScannerHarness.StartAsync();
        var upload = Path.Combine(folder.DataPath, "storage", "tmp", "upload.part");
        await File.WriteAllBytesAsync(upload, [1, 2, 3]);
        var hashes = await ContentHashes.ComputeAsync(upload, CancellationToken.None);
        var created = await folder.Store.CommitAsync(FolderScannerHarness.Bucket, "cache/.keep", upload, hashes, ObjectWrite.Empty, Preconditions.None, CancellationToken.None);

        await folder.SettleAsync();
        await folder.ScanAfterAsync(TimeSpan.FromHours(1));
        Assert.Equal(created.Generation, folder.Get("cache/.keep")?.Generation);
        Assert.Equal([NotificationOutbox.Finalize], folder.Notifications().Select(n => n.EventType));

        File.Delete(folder.PathOf("cache/.keep"));
        await folder.SettleAsync();
        Assert.Null(folder.Get("cache/.keep"));
        Assert.Equal([NotificationOutbox.Finalize, NotificationOutbox.Delete], folder.Notifications().Select(n => n.EventType));
    }
}
