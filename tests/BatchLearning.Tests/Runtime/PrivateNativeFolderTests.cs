using BatchLearning.Runtime;
using BatchLearning.Tests.Support;

namespace BatchLearning.Tests.Runtime;

/// <summary>The private native folders under ~/.cache/batchlearning/native are pruned when what they point at is gone (issue 29: a cache that only grows).</summary>
public sealed class PrivateNativeFolderTests
{
    [Fact]
    public void A_folder_whose_glue_library_is_gone_or_was_rebuilt_and_an_old_half_built_one_are_removed_and_a_live_or_fresh_one_stays()
    {
        var root = Repository.NewTemporaryFolder();
        var libTorch = Directory.CreateDirectory(Path.Combine(root, "..", Guid.NewGuid().ToString("N"))).FullName;
        var glue = Path.Combine(libTorch, "libLibTorchSharp.so");
        File.WriteAllText(glue, "glue");
        string Folder(string name, string marker)
        {
            var folder = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
            if (marker.Length > 0)
            {
                File.WriteAllText(Path.Combine(folder, ".complete"), marker);
            }

            return folder;
        }

        var live = Folder("live", $"{glue}\n{libTorch}\n");
        var identity = $"{new FileInfo(glue).Length}|{new FileInfo(glue).LastWriteTimeUtc.Ticks}";
        var current = Folder("current", $"{glue}\n{libTorch}\n{identity}\n");
        var rebuilt = Folder("rebuilt", $"{glue}\n{libTorch}\n1|2\n");
        var deletedClone = Folder("gone", $"{Path.Combine(root, "deleted", "libLibTorchSharp.so")}\n{libTorch}\n");
        var killedLongAgo = Folder("old.123.abc.tmp", "");
        Directory.SetLastWriteTimeUtc(killedLongAgo, DateTime.UtcNow.AddHours(-3));
        var beingBuilt = Folder("new.456.def.tmp", "");

        PrivateNativeFolder.PruneStale(root, DateTime.UtcNow.AddHours(-1));

        Assert.True(Directory.Exists(live));
        Assert.True(Directory.Exists(current));
        Assert.False(Directory.Exists(rebuilt));
        Assert.True(Directory.Exists(beingBuilt));
        Assert.False(Directory.Exists(deletedClone));
        Assert.False(Directory.Exists(killedLongAgo));
    }
}
