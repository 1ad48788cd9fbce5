namespace BatchLearning.Tests.Support;

/// <summary>
/// Compares text with an approved file kept in the repository. On a difference it writes NAME.received.txt beside the
/// approved file and fails, showing the first differing line. To approve every current output in one go:
/// <c>BATCHLEARNING_APPROVE=1 dotnet test</c> (then review the diff with git).
/// </summary>
internal static class ApprovedFile
{
    public static void Verify(string folder, string name, string received)
    {
        var approvedPath = Path.Combine(folder, $"{name}.approved.txt");
        var receivedPath = Path.Combine(folder, $"{name}.received.txt");
        received = received.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("BATCHLEARNING_APPROVE") == "1")
        {
            File.WriteAllText(approvedPath, received);
            File.Delete(receivedPath);
            return;
        }

        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : null;
        if (approved == received)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        var message = approved is null
            ? $"No approved output for {name} yet; wrote {receivedPath}."
            : $"Output of {name} differs from {approvedPath}: {FirstDifference(approved, received)}. Wrote {receivedPath}.";
        Assert.Fail(message + " If the change is intended, approve it with: BATCHLEARNING_APPROVE=1 dotnet test");
    }

    private static string FirstDifference(string approved, string received)
    {
        var a = approved.Split('\n');
        var r = received.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, r.Length); i++)
        {
            var left = i < a.Length ? a[i] : "<end of file>";
            var right = i < r.Length ? r[i] : "<end of file>";
            if (left != right)
            {
                return $"line {i + 1}: approved \"{left}\", received \"{right}\"";
            }
        }

        return "only in line endings";
    }
}
