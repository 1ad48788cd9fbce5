using BatchLearning.Runner;
using BatchLearning.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace BatchLearning.Tests.Notebooks;

/// <summary>run.json: when and on which machine a course run happened, read back by the website build.</summary>
public sealed class CourseRunRecordTests
{
    [Fact]
    public void A_run_record_names_this_machine_and_reads_back_as_written()
    {
        var folder = Repository.NewTemporaryFolder();
        var record = CourseRunRecord.Now(new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 4, 28, 0, TimeSpan.Zero)));

        record.Save(folder);

        Assert.Equal(record, CourseRunRecord.Load(folder));
        Assert.Contains($"{Environment.ProcessorCount} logical cores", record.Machine);
    }

    [Fact]
    public void A_folder_without_a_readable_run_record_gives_none()
    {
        var folder = Repository.NewTemporaryFolder();
        Assert.Null(CourseRunRecord.Load(folder));

        File.WriteAllText(Path.Combine(folder, CourseRunRecord.FileName), "{ not json");
        Assert.Null(CourseRunRecord.Load(folder));
    }
}
