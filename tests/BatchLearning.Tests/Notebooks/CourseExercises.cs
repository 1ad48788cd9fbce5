namespace BatchLearning.Tests.Notebooks;

/// <summary>Which answers a notebook run gets: none (as shipped), all right, or all wrong; the last two also run under another seed.</summary>
public enum AnswerSet
{
    /// <summary>As shipped: every answer unset, the default seed.</summary>
    Unanswered,

    /// <summary>Every exercise and quiz answered right, seed 1.</summary>
    Right,

    /// <summary>Every exercise and quiz answered wrong, seed 2.</summary>
    Wrong,
}

/// <summary>
/// A right and a wrong answer for every exercise of every course notebook, given to the runner with --param. The right answers of
/// measured exercises are the ones the physics of the experiment makes robust (checked under other seeds by these runs).
/// </summary>
internal static class CourseExercises
{
    private static readonly Dictionary<string, (string Right, string Wrong)[]> Answers = new()
    {
        ["00-first-workflow"] = [("batches", "one at a time"), ("2.5", "5"), ("b", "a"), ("5", "10"), ("b", "c")],
        ["00-setup"] = [("smaller", "larger"), ("b", "a"), ("2", "1.07"), ("b", "c")],
        ["01-what-is-batching"] = [("memory-bound", "compute-bound"), ("b", "a"), ("0.5", "2"), ("b", "a")],
        ["02-batch-size-in-training"] = [("mini-batch", "full batch"), ("45", "12"), ("b", "a"), ("b", "a")],
        ["03-batch-size-and-generalisation"] = [("higher", "lower"), ("3", "10"), ("a", "b"), ("b", "a")],
        ["04-batched-inference"] = [("larger", "smaller"), ("c", "a"), ("a", "b"), ("3", "10")],
        ["05-batch-vs-real-time-cost"] = [("570", "600"), ("b", "a"), ("297", "300"), ("c", "a")],
        ["06-first-ai-workflow"] = [("150", "290"), ("none", "hundreds"), ("b", "a"), ("300", "600"), ("a", "b")],
        ["07-batching-text-generation"] = [("continuous", "static"), ("b", "a"), ("0.556", "0.33"), ("a", "b")],
    };

    /// <summary>The answer names of each notebook, in the order of its answers above.</summary>
    public static readonly Dictionary<string, string[]> Names = new()
    {
        ["00-first-workflow"] = ["myFasterWay", "myMeanWaitMinutes", "quiz1", "quiz2", "quiz3"],
        ["00-setup"] = ["myPrediction", "quiz1", "quiz2", "quiz3"],
        ["01-what-is-batching"] = ["myAnswer", "quiz1", "quiz2", "quiz3"],
        ["02-batch-size-in-training"] = ["myAnswer", "quiz1", "quiz2", "quiz3"],
        ["03-batch-size-and-generalisation"] = ["myAnswer", "quiz1", "quiz2", "quiz3"],
        ["04-batched-inference"] = ["myPrediction", "quiz1", "quiz2", "quiz3"],
        ["05-batch-vs-real-time-cost"] = ["myP95Seconds", "quiz1", "quiz2", "quiz3"],
        ["06-first-ai-workflow"] = ["myMeanWaitSeconds", "myLostOrRepeated", "quiz1", "quiz2", "quiz3"],
        ["07-batching-text-generation"] = ["myPrediction", "quiz1", "quiz2", "quiz3"],
    };

    /// <summary>The --param values for a run of <paramref name="notebook"/> with <paramref name="answers"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parameters(string notebook, AnswerSet answers, bool declaresSeed)
    {
        if (answers == AnswerSet.Unanswered)
        {
            return [];
        }

        var values = Names[notebook].Zip(Answers[notebook], (name, pair) => new KeyValuePair<string, string>(name, answers == AnswerSet.Right ? pair.Right : pair.Wrong)).ToList();
        if (declaresSeed)
        {
            values.Add(new("seed", answers == AnswerSet.Right ? "1" : "2"));
        }

        return values;
    }
}
