using BatchLearning.Notebook;

namespace BatchLearning.Tests.Notebook;

/// <summary>Exercise checks say how to answer while unanswered, and can say both "Right" and "Not quite".</summary>
public sealed class ExerciseTests
{
    private static readonly string[] Choices = ["larger", "smaller"];

    [Fact]
    public void An_unanswered_choice_says_how_to_answer_and_gives_nothing_away()
    {
        var verdict = Exercise.Check("myPrediction", null, Choices, "smaller", "the measured reason");

        Assert.StartsWith(Exercise.NotAnswered, verdict);
        Assert.Contains("myPrediction", verdict);
        Assert.Contains("parameters cell", verdict);
        Assert.DoesNotContain("the measured reason", verdict);
    }

    [Theory]
    [InlineData("smaller", "Right: the measured reason")]
    [InlineData(" Smaller ", "Right: the measured reason")]
    [InlineData("larger", "Not quite: you answered \"larger\", the answer is \"smaller\". The measured reason")]
    public void A_choice_is_right_or_not_quite_with_the_reason(string answer, string expected)
    {
        Assert.Equal(expected, Exercise.Check("myPrediction", answer, Choices, "smaller", "the measured reason"));
    }

    [Fact]
    public void A_choice_outside_the_list_is_named_rather_than_judged()
    {
        var verdict = Exercise.Check("myPrediction", "bigger", Choices, "smaller", "the measured reason");
        Assert.StartsWith(Exercise.NotAnswered, verdict);
        Assert.Contains("\"bigger\", which is not one of the choices \"larger\", \"smaller\"", verdict);
    }

    [Fact]
    public void A_correct_answer_outside_the_choices_is_a_bug_in_the_notebook()
    {
        var error = Assert.Throws<ArgumentException>(() => Exercise.Check("q", "a", Choices, "equal", "why"));
        Assert.Equal("correct", error.ParamName);
    }

    [Theory]
    [InlineData(150.0, true)]
    [InlineData(140.0, true)]
    [InlineData(160.0, true)]
    [InlineData(130.0, false)]
    [InlineData(290.0, false)]
    [InlineData(-150.0, false)]
    public void A_number_is_right_within_the_tolerance_of_the_measurement(double answer, bool right)
    {
        var verdict = Exercise.Check("myMeanWaitSeconds", answer, measured: 149.7, relativeTolerance: 0.1, "why");
        Assert.StartsWith(right ? Exercise.Right : Exercise.NotQuite, verdict);
        if (!right)
        {
            Assert.Contains("this run measured 149.7", verdict);
        }
    }

    [Fact]
    public void An_unanswered_number_says_how_to_answer()
    {
        var verdict = Exercise.Check("myMeanWaitSeconds", null, measured: 149.7, relativeTolerance: 0.1, "why");
        Assert.StartsWith(Exercise.NotAnswered, verdict);
        Assert.DoesNotContain("149", verdict);
        Assert.StartsWith(Exercise.NotAnswered, Exercise.Check("x", double.NaN, 1, 0.1, "why"));
    }

    [Theory]
    [InlineData(double.NaN, 0.1, "measured")]
    [InlineData(1.0, 0.0, "relativeTolerance")]
    [InlineData(1.0, 1.5, "relativeTolerance")]
    [InlineData(1.0, double.NaN, "relativeTolerance")]
    public void A_check_with_an_impossible_measurement_or_tolerance_is_refused(double measured, double tolerance, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Exercise.Check("x", 1.0, measured, tolerance, "why"));
        Assert.Equal(parameter, error.ParamName);
    }

    [Theory]
    [InlineData(297.0, true)]
    [InlineData(298.4, true)]
    [InlineData(300.0, false)] // the window itself: the plausible wrong answer for a p99 of a 300 s flush
    public void A_tight_tolerance_is_shown_as_it_is_and_still_separates_the_plausible_wrong_answer(double answer, bool right)
    {
        var verdict = Exercise.Check("quiz2", answer, measured: 297, relativeTolerance: 0.005, "why");

        Assert.StartsWith(right ? Exercise.Right : Exercise.NotQuite, verdict, StringComparison.Ordinal);
        Assert.Contains("within 0.5 %", verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prediction_is_put_on_record_before_the_measurement()
    {
        Assert.StartsWith("No prediction yet", Exercise.Prediction("myPrediction", null));
        Assert.Equal("Your prediction: \"larger\". The next cells measure it; the check comes after them.", Exercise.Prediction("myPrediction", "larger"));
    }
}
