using PicADaily.LocalCloud.Storage;
using PicADaily.LocalCloud.Storage.Folders;

namespace PicADaily.LocalCloud.Tests.Storage;

public sealed class FolderNamePolicyTests
{
    [Theory]
    [InlineData(".photo.jpg.q7Xk2A")] // rsync
    [InlineData(".goutputstream-ZX81QA")] // GIO / file managers
    [InlineData("holiday/.photo.jpg.q7Xk2A")]
    [InlineData(".Trash-1000/files/photo.jpg")]
    [InlineData(".DS_Store")]
    [InlineData("photo.jpg.part")]
    [InlineData("photo.jpg.PART")]
    [InlineData("photo.jpg.partial")]
    [InlineData("photo.jpg.crdownload")]
    [InlineData("photo.jpg.download")]
    [InlineData("photo.tmp")]
    [InlineData("photo.jpg~")]
    public void Scratch_files_of_copying_tools_are_never_announced(string name) => Assert.True(FolderNamePolicy.IsScratch(name));

    [Theory]
    [InlineData("photo.jpg")]
    [InlineData("holiday 2026/beach ü.jpg")]
    [InlineData("a.b.c.png")]
    [InlineData("partial/photo.jpg")]
    [InlineData("photo.partition.jpg")]
    [InlineData("tmp/photo.jpg")]
    public void Ordinary_names_are_announced(string name) => Assert.False(FolderNamePolicy.IsScratch(name));
}
