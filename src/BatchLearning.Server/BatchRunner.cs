using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace BatchLearning.Server;

/// <summary>
/// Runs Batch API batches one after another, each in chunks of <see cref="InferenceServerOptions.BatchApiChunkSize"/> request lines whose emails go through
/// the classifier in one forward pass. The batch's share of the server is a slot every <see cref="InferenceServerOptions.BatchApiChunkInterval"/>, counted
/// from the batch's creation: chunk k may start at created + k x interval, or later if the chunk before it is still running. A chunk whose slot falls after
/// the batch's window has ended is not run: the batch expires when its window ends, and its remaining lines go to the error file as batch_expired.
/// How many chunks a window holds is arithmetic (window / interval), not a race with this machine's speed, so a run shows the same expiry on any machine.
/// </summary>
internal sealed partial class BatchRunner(
    ServedClassifier model, FileStore files, InferenceServerOptions options, BatchApiClock clock, ServerMetrics metrics, ILogger<BatchRunner> logger)
    : BackgroundService
{
    private readonly Channel<BatchJob> _queue = Channel.CreateUnbounded<BatchJob>();

    /// <summary>Queues a batch (status validating) to run.</summary>
    public void Enqueue(BatchJob job) => _queue.Writer.TryWrite(job);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await RunAsync(job, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                LogBatchFailed(job.Id, error.Message);
                job.Fail([new JsonObject { ["code"] = "server_error", ["message"] = "The batch failed on the server: " + error.Message, ["param"] = null, ["line"] = null }], clock.Time.GetUtcNow());
            }
        }
    }

    private async Task RunAsync(BatchJob job, CancellationToken cancellationToken)
    {
        var time = clock.Time;
        var (lines, errors) = BatchInput.Read(files.Find(job.InputFileId)!.Content);
        if (errors is not null)
        {
            job.Fail(errors, time.GetUtcNow());
            return;
        }

        job.Count(lines.Count, 0, 0);
        job.MoveTo("in_progress", time.GetUtcNow());
        var results = new BatchResultLines();
        var next = 0;
        for (var slot = job.CreatedAt; next < lines.Count && !job.CancelRequested && slot < job.ExpiresAt; slot += options.BatchApiChunkInterval)
        {
            var chunk = lines.Skip(next).Take(options.BatchApiChunkSize).ToList();
            RunChunk(chunk, results);
            next += chunk.Count;
            // The wait starts before the counts are published, so a test that moves a fake clock on seeing them cannot move it too early.
            var pause = next < lines.Count ? UntilAsync(Min(slot + options.BatchApiChunkInterval, job.ExpiresAt), cancellationToken) : Task.CompletedTask;
            job.Count(lines.Count, results.Completed, results.Failed);
            await pause.ConfigureAwait(false);
        }

        Finish(job, lines.Skip(next).ToList(), results);
    }

    // Waits on the Batch API's clock until the given time (at once if it has passed).
    private Task UntilAsync(DateTimeOffset when, CancellationToken cancellationToken)
    {
        var wait = when - clock.Time.GetUtcNow();
        return wait > TimeSpan.Zero ? Task.Delay(wait, clock.Time, cancellationToken) : Task.CompletedTask;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    // Every line of the chunk: its body read as a classification request (a bad one fails its line alone), then all the chunk's emails in one forward pass.
    private void RunChunk(List<BatchLine> chunk, BatchResultLines results)
    {
        var valid = new List<(BatchLine Line, ClassificationRequest Request)>(chunk.Count);
        foreach (var line in chunk)
        {
            var (request, error) = ClassificationRequest.Read(line.Body, options.ModelName, model.Tokens);
            if (error is not null)
            {
                results.Refused(line, error);
            }
            else
            {
                valid.Add((line, request!));
            }
        }

        var emails = valid.SelectMany(v => v.Request.Emails).ToList();
        var categories = model.Classify(emails, Math.Max(1, emails.Count));
        var next = 0;
        var now = clock.Time.GetUtcNow();
        foreach (var (line, request) in valid)
        {
            results.Succeeded(line, ChatCompletionJson.Build(request, [.. categories.Skip(next).Take(request.Emails.Count)], model.Tokens, now));
            next += request.Emails.Count;
        }
    }

    // Writes the output and error files and ends the batch: completed, expired (lines left over) or cancelled.
    private void Finish(BatchJob job, List<BatchLine> leftOver, BatchResultLines results)
    {
        var time = clock.Time;
        var ending = job.CancelRequested ? "cancelled" : leftOver.Count > 0 ? "expired" : "completed";
        if (ending != "cancelled")
        {
            job.MoveTo("finalizing", time.GetUtcNow());
        }

        if (ending == "expired")
        {
            results.Expired(leftOver);
        }

        var output = results.Output.Count > 0 ? files.Add(job.Id + "_output.jsonl", "batch_output", time.GetUtcNow(), Lines(results.Output)).Id : null;
        var error = results.Errors.Count > 0 ? files.Add(job.Id + "_error.jsonl", "batch_output", time.GetUtcNow(), Lines(results.Errors)).Id : null;
        job.Files(output, error);
        job.MoveTo(ending, time.GetUtcNow());
        metrics.BatchLines("completed", results.Completed);
        metrics.BatchLines("failed", results.Failed);
        metrics.BatchLines("expired", ending == "expired" ? leftOver.Count : 0);
        LogBatchEnded(job.Id, ending, results.Completed, results.Failed, leftOver.Count);
    }

    private static byte[] Lines(List<JsonObject> lines) => Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l.ToJsonString() + "\n")));

    [LoggerMessage(Level = LogLevel.Error, Message = "Batch {BatchId} failed on the server: {Reason}")]
    private partial void LogBatchFailed(string batchId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchId} {Status}: {Completed} completed, {Failed} failed, {LeftOver} not run")]
    private partial void LogBatchEnded(string batchId, string status, int completed, int failed, int leftOver);
}
