using BatchLearning.Costs;
using BatchLearning.Email;
using BatchLearning.Prompts;
using BatchLearning.Tests.Support;
using BatchLearning.Training;
using BatchLearning.Workflow;

namespace BatchLearning.Tests.Workflow;

/// <summary>The first lesson's pieces: the race, the day through the real job, the start-up timing and the priced paths.</summary>
public sealed class WorkflowTests : IClassFixture<WorkflowTests.TrainedClassifier>
{
    private readonly TrainedClassifier _trained;

    public WorkflowTests(TrainedClassifier trained) => _trained = trained;

    /// <summary>One small classifier shared by the tests of this class.</summary>
    public sealed class TrainedClassifier : IDisposable
    {
        public EmailClassifier Classifier { get; } = EmailClassifier.Train(
            EmailGenerator.SeveralDays(1200, new DateOnly(2026, 1, 5), days: 2, seed: 11),
            new TrainingOptions(64, TrainingBudget.OfEpochs(1), OptimizerSettings.Adam(0.002))).Classifier;

        public void Dispose() => Classifier.Dispose();
    }

    [Fact]
    public void The_race_gives_the_same_categories_both_ways_and_the_classifier_s_own_answers()
    {
        var emails = EmailGenerator.Day(300, new DateOnly(2026, 2, 2), seed: 12);
        var race = ArrivalRace.Run(_trained.Classifier, emails, batchSize: 64, rounds: 1);

        Assert.True(race.SameCategories);
        Assert.Equal(300, race.Emails);
        Assert.All([race.Featurize, race.Model, race.EndToEnd, race.ModelOnUsualThreads], part =>
        {
            Assert.Equal([ArrivalRace.OneAtATime, ArrivalRace.Batches], [part.First, part.Second]);
            Assert.True(part.FirstMilliseconds > 0 && part.SecondMilliseconds > 0);
            Assert.Single(part.Ratios);
        });
        Assert.Equal(1, race.Model.TorchThreads);
        Assert.Equal(race.EndToEnd.FirstMilliseconds, race.OneAtATimeMsPerEmail);
        Assert.Equal(race.EndToEnd.SecondMilliseconds, race.InBatchesMsPerEmail);
    }

    [Theory]
    [InlineData(0, 256, 3, "emails")]
    [InlineData(10, 1, 3, "batchSize")]
    [InlineData(10, 100_001, 3, "batchSize")]
    [InlineData(10, 64, 0, "rounds")]
    public void The_race_refuses_bad_input_by_name(int emails, int batchSize, int rounds, string argument)
    {
        var day = EmailGenerator.Day(Math.Max(emails, 1), new DateOnly(2026, 2, 2), seed: 1).Take(emails).ToList();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ArrivalRace.Run(_trained.Classifier, day, batchSize, rounds));
        Assert.Equal(argument, error.ParamName);
    }

    [Fact]
    public void A_day_through_the_job_classifies_every_email_once_and_waits_at_most_one_window_with_a_mean_near_half_of_it()
    {
        var day = EmailGenerator.Day(2000, new DateOnly(2026, 2, 3), seed: 13);
        var result = InboxDay.Run(day, _trained.Classifier, TimeSpan.FromMinutes(5), Repository.NewTemporaryFolder());

        Assert.Equal(288, result.Runs.Count);
        Assert.Equal(day.Select(e => e.Id), result.Results.Select(r => r.Id));
        Assert.Empty(result.DeadLetters);
        Assert.Equal(_trained.Classifier.Classify(day), result.Results.Select(r => r.Category));
        Assert.All(result.Results, r => Assert.InRange(r.Latency, TimeSpan.Zero, TimeSpan.FromMinutes(5)));
        Assert.InRange(result.MeanWait.TotalSeconds, 0.9 * 150, 1.1 * 150);
        Assert.True(result.WaitQuantile(0.99) > result.WaitQuantile(0.5));
        var histogram = result.WaitHistogram(TimeSpan.FromSeconds(30));
        Assert.Equal(10, histogram.Count);
        Assert.Equal(2000, histogram.Sum(b => b.Emails));
    }

    [Fact]
    public void A_day_refuses_an_empty_day_and_a_window_out_of_range()
    {
        var folder = Repository.NewTemporaryFolder();
        Assert.Equal("day", Assert.Throws<ArgumentOutOfRangeException>(() => InboxDay.Run([], _trained.Classifier, TimeSpan.FromMinutes(5), folder)).ParamName);
        var day = EmailGenerator.Day(10, new DateOnly(2026, 2, 3), seed: 1);
        Assert.Equal("window", Assert.Throws<ArgumentOutOfRangeException>(() => InboxDay.Run(day, _trained.Classifier, TimeSpan.Zero, folder)).ParamName);
        Assert.Equal("window", Assert.Throws<ArgumentOutOfRangeException>(() => InboxDay.Run(day, _trained.Classifier, TimeSpan.FromDays(2), folder)).ParamName);
    }

    [Fact]
    public void The_paths_are_priced_from_the_table_the_batch_api_at_its_discount_and_the_job_at_most_a_machine_kept_up()
    {
        var day = EmailGenerator.Day(1000, new DateOnly(2026, 2, 4), seed: 14);
        var folder = Repository.NewTemporaryFolder();
        var measured = new WorkflowMeasurements(
            ArrivalRace.Run(_trained.Classifier, day.Take(200).ToList(), rounds: 1),
            InboxDay.Run(day, _trained.Classifier, TimeSpan.FromMinutes(5), folder),
            JobStartUp.Measure(_trained.Classifier, folder),
            ClassificationTokens.Measure(day.Take(200).ToList(), TokenCounter.ForModel(WorkflowPaths.DefaultModel)));
        var prices = PriceTable.Default;
        var paths = WorkflowPaths.Compare(measured, prices);

        Assert.Equal(4, paths.Count);
        var machineDay = 24 * prices.Cpu(WorkflowPaths.DefaultMachine).PerHour;
        Assert.Equal(machineDay, paths[0].CostPerDay, 9);
        Assert.InRange(paths[1].CostPerDay, 0, machineDay);
        var api = prices.Api(WorkflowPaths.DefaultModel);
        Assert.Equal(api.BatchInputPerMillion / api.InputPerMillion, paths[3].CostPerDay / paths[2].CostPerDay, 6);
        Assert.Equal(24 * 3600, paths[3].WorstWaitSeconds);
        Assert.True(measured.StartUp.ProcessStart > TimeSpan.Zero && measured.StartUp.ModelLoad > TimeSpan.Zero);
    }
}
