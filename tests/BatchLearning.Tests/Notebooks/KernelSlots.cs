namespace BatchLearning.Tests.Notebooks;

/// <summary>
/// The machine's kernel slots, handed out in a chosen order rather than first come, first served: the notebook runs are all queued at once,
/// so a lesson asked for later would otherwise wait behind every one of them and run after them, alone. Work of the one-at-a-time kind
/// (lessons, the website's build) goes first whenever none of it is running; notebook runs fill the other slots in the order they were queued.
/// </summary>
internal sealed class KernelSlots(int slots)
{
    /// <summary>The kinds of work a slot runs.</summary>
    public enum Work
    {
        /// <summary>A notebook in a kernel: several at once, one per slot.</summary>
        Notebook,

        /// <summary>Work that runs one at a time and before queued notebooks (a lesson's build and run, the website's build).</summary>
        OneAtATime,
    }

    private readonly object gate = new();
    private readonly List<(Work Kind, TaskCompletionSource Start)> waiting = [];
    private int free = slots;
    private bool oneAtATimeRunning;

    /// <summary>Runs <paramref name="work"/> when a slot is given to it, and frees the slot after.</summary>
    public async Task<T> RunAsync<T>(Work kind, Func<Task<T>> work)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            waiting.Add((kind, start));
            Dispatch();
        }

        await start.Task;
        try
        {
            return await work();
        }
        finally
        {
            lock (gate)
            {
                free++;
                oneAtATimeRunning &= kind != Work.OneAtATime;
                Dispatch();
            }
        }
    }

    // Under the lock: give free slots to waiting work, one-at-a-time work first when none of it is running, then notebooks in queue order.
    private void Dispatch()
    {
        while (free > 0)
        {
            var next = oneAtATimeRunning ? -1 : waiting.FindIndex(w => w.Kind == Work.OneAtATime);
            next = next >= 0 ? next : waiting.FindIndex(w => w.Kind == Work.Notebook);
            if (next < 0)
            {
                return;
            }

            var (kind, start) = waiting[next];
            waiting.RemoveAt(next);
            free--;
            oneAtATimeRunning |= kind == Work.OneAtATime;
            start.SetResult();
        }
    }
}
