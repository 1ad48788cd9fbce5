using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BatchLearning.Costs;
using BatchLearning.Email;
using BatchLearning.Prompts;

namespace BatchLearning.Providers;

/// <summary>
/// Sends the day's mail to an LLM provider's batch service for real, through the provider's official .NET SDK, and brings the answers back:
/// <see cref="Prepare"/> writes the request files and estimates the cost (nothing is sent); <see cref="SubmitAsync"/> uploads and creates the batches,
/// only when the caller passes <c>submit: true</c> AND the API key is in the environment (OPENAI_API_KEY, ANTHROPIC_API_KEY);
/// <see cref="WaitAsync"/> polls with backoff and reports progress; <see cref="CollectAsync"/> downloads results and errors and matches them to the emails by custom_id.
/// Resumable: the batch ids are saved in <see cref="ProviderBatchState.FileName"/> next to the files, so a restarted run polls the same batches instead of paying twice.
/// The key is read when a call needs it and is never printed, logged or written.
/// </summary>
public sealed partial class ProviderBatchClient
{
    private readonly ProviderBatchOptions options;

    /// <summary>A client for <paramref name="provider"/> whose files and state live in <paramref name="directory"/> (one batch run per directory).</summary>
    /// <param name="provider">OpenAI or Anthropic.</param>
    /// <param name="directory">Where the request files, the state file and the results go (created when missing).</param>
    /// <param name="options">Polling, retries, endpoint; defaults to <see cref="ProviderBatchOptions"/>'s defaults (the real endpoints).</param>
    /// <exception cref="ArgumentOutOfRangeException">The provider is not defined, or an option is out of its range.</exception>
    public ProviderBatchClient(BatchProvider provider, string directory, ProviderBatchOptions? options = null)
    {
        if (!Enum.IsDefined(provider))
        {
            throw new ArgumentOutOfRangeException(nameof(provider), provider, $"provider must be {nameof(BatchProvider.OpenAi)} or {nameof(BatchProvider.Anthropic)}; got {(int)provider}.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Provider = provider;
        Directory = Path.GetFullPath(directory);
        this.options = (options ?? new ProviderBatchOptions()).Validated();
    }

    /// <summary>The provider.</summary>
    public BatchProvider Provider { get; }

    /// <summary>The batch directory (full path).</summary>
    public string Directory { get; }

    /// <summary>The environment variable the API key is read from: OPENAI_API_KEY or ANTHROPIC_API_KEY.</summary>
    public string ApiKeyVariable => ApiKeyVariableOf(Provider);

    /// <summary>True when the environment holds an API key for the provider (the key itself is never exposed).</summary>
    public bool HasApiKey => ApiKey() is not null;

    /// <summary>The saved state, or null when nothing was prepared in <see cref="Directory"/>.</summary>
    public ProviderBatchState? State => ProviderBatchState.Load(Directory);

    private ProviderBatchLimits Limits => options.Limits ?? (Provider == BatchProvider.OpenAi ? ProviderBatchLimits.OpenAi : ProviderBatchLimits.Anthropic);

    /// <summary>The environment variable that holds <paramref name="provider"/>'s API key.</summary>
    public static string ApiKeyVariableOf(BatchProvider provider) => provider == BatchProvider.OpenAi ? "OPENAI_API_KEY" : "ANTHROPIC_API_KEY";

    /// <summary>
    /// Writes the request files for <paramref name="emails"/> (split at the provider's limits), saves the state and estimates the cost. Sends nothing, needs no key.
    /// When the directory already holds submitted batches for the same emails and model, nothing is rewritten and their estimate is returned.
    /// </summary>
    /// <param name="emails">The emails to classify; their ids become the custom_ids.</param>
    /// <param name="model">The model, for example "gpt-4o-mini" or "claude-haiku-4-5".</param>
    /// <param name="prices">Prices for the estimate; defaults to <see cref="PriceTable.Default"/>.</param>
    /// <exception cref="InvalidOperationException">The directory holds batches already submitted for other emails, another model or another provider (nothing is overwritten).</exception>
    public ProviderBatchEstimate Prepare(IReadOnlyList<EmailMessage> emails, string model, PriceTable? prices = null)
    {
        ArgumentNullException.ThrowIfNull(emails);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        var existing = State;
        if (existing is { AnySubmitted: true })
        {
            // Distinct: a request sent again after an expiry (ResendUnfinishedAsync) is in two request files.
            var sentIds = existing.Batches.SelectMany(b => ReadRequestIds(Provider, Path.Combine(Directory, b.RequestFile))).Distinct(StringComparer.Ordinal).ToList();
            if (existing.Provider != Provider || existing.Model != model || !sentIds.SequenceEqual(emails.Select(e => e?.Id ?? ""), StringComparer.Ordinal))
            {
                throw new InvalidOperationException(
                    $"{Directory} already holds {existing.Provider} batch(es) {string.Join(", ", existing.Batches.Select(b => b.BatchId).OfType<string>())} for {sentIds.Count:N0} email(s) and model {existing.Model}; "
                    + $"this call asks for {emails.Count:N0} email(s), model {model} on {Provider}. Nothing was overwritten: collect those batches first, or use another directory.");
            }

            return Estimate(prices);
        }

        System.IO.Directory.CreateDirectory(Directory);
        var files = Provider == BatchProvider.OpenAi
            ? OpenAiBatchFile.WriteRequests(emails, model, Directory, limits: Limits)
            : AnthropicBatchFile.WriteRequests(emails, model, Directory, limits: Limits);
        new ProviderBatchState(Provider, model, files.Select(f => new ProviderBatchEntry(Path.GetFileName(f))).ToList()).Save(Directory);
        return Estimate(prices);
    }

    /// <summary>
    /// The cost estimate of the prepared request files: input tokens counted with the o200k_base tokenizer (the encoding of gpt-4o and gpt-4o-mini, an approximation
    /// for other models), output at its cap of <see cref="ClassificationPrompt.MaxOutputTokens"/> tokens per answer, priced at the batch rate.
    /// </summary>
    /// <exception cref="InvalidOperationException">Nothing was prepared in the directory.</exception>
    public ProviderBatchEstimate Estimate(PriceTable? prices = null)
    {
        var state = RequiredState();
        var counter = TokenCounter.ForModel(state.Model);
        var (requests, inputTokens) = CountInputTokens(state, counter);
        var outputTokens = requests * ClassificationPrompt.MaxOutputTokens;
        var price = FindPrice(prices ?? PriceTable.Default, state.Model);
        double? cost = null;
        var note = $"no price for '{state.Model}' in the price table; add one with PriceTable.WithApiPrice";
        if (price is not null && requests > 0)
        {
            cost = ApiCostCalculator.Estimate(price, new ApiWorkload(requests, (double)inputTokens / requests, ClassificationPrompt.MaxOutputTokens), ProcessingMode.Batch).PerDay;
            note = string.Create(CultureInfo.InvariantCulture, $"{price.Model} batch price, read {price.Date:yyyy-MM-dd} from {price.Source}");
        }

        return new ProviderBatchEstimate
        {
            Provider = Provider,
            Model = state.Model,
            Files = state.Batches.Select(b => Path.Combine(Directory, b.RequestFile)).ToList(),
            Requests = (int)requests,
            InputTokens = inputTokens,
            TokensAreExact = counter.IsExact,
            MaxOutputTokens = outputTokens,
            EstimatedCostUsd = cost,
            PriceNote = note,
        };
    }

    // Requests in the prepared files and the tokens of their messages. The instruction, the same in every request, is counted once.
    private (long Requests, long InputTokens) CountInputTokens(ProviderBatchState state, TokenCounter counter)
    {
        var repeated = new Dictionary<string, int>(StringComparer.Ordinal);
        long requests = 0, inputTokens = 0;
        foreach (var messages in state.Batches.SelectMany(entry => PromptMessages(Provider, Path.Combine(Directory, entry.RequestFile))))
        {
            requests++;
            for (var i = 0; i < messages.Count; i++)
            {
                var isInstruction = i == 0 && messages.Count > 1;
                if (!isInstruction || !repeated.TryGetValue(messages[i], out var tokens))
                {
                    tokens = counter.Count(messages[i]);
                    if (isInstruction)
                    {
                        repeated[messages[i]] = tokens;
                    }
                }

                inputTokens += tokens;
            }
        }

        return (requests, inputTokens);
    }

    /// <summary>
    /// Creates the prepared batches at the provider (OpenAI: uploads each file, then creates a batch; Anthropic: creates a message batch), saving each id as soon as it exists.
    /// Batches already created are never created again. With <paramref name="submit"/> false nothing is sent: the outcome says what would be sent and what it would cost.
    /// </summary>
    /// <param name="submit">Must be true to send anything: the explicit "yes, spend money" switch.</param>
    /// <param name="cancellationToken">Stops between and during calls; ids already created stay saved.</param>
    /// <exception cref="InvalidOperationException">Nothing was prepared; or <paramref name="submit"/> is true but the API key is not in the environment (nothing is sent); or the provider refused a call.</exception>
    /// <exception cref="InvalidDataException">A request file is over the provider's limits (requests or bytes); the message names it.</exception>
    public async Task<ProviderBatchOutcome> SubmitAsync(bool submit, CancellationToken cancellationToken = default)
    {
        var state = RequiredState();
        var pending = Enumerable.Range(0, state.Batches.Count).Where(i => state.Batches[i].BatchId is null).ToList();
        if (pending.Count == 0)
        {
            return new ProviderBatchOutcome(false, $"Already submitted: {Ids(state)}; nothing was sent again. Wait for and collect them.", state);
        }

        foreach (var i in pending)
        {
            CheckLimits(Path.Combine(Directory, state.Batches[i].RequestFile));
        }

        var plan = (Provider == BatchProvider.OpenAi ? $"upload {pending.Count} file(s) and create {pending.Count} OpenAI batch(es)" : $"create {pending.Count} Anthropic message batch(es)")
                   + $" at {options.Endpoint?.ToString() ?? (Provider == BatchProvider.OpenAi ? "https://api.openai.com/v1" : "https://api.anthropic.com")}: {Estimate()}.";
        if (!submit)
        {
            return new ProviderBatchOutcome(false, $"Would {plan} Not sent: submit is off (pass submit: true, or --submit, to send).", state);
        }

        var key = ApiKey() ?? throw new InvalidOperationException(
            $"submit is on but {ApiKeyVariable} is not set in the environment, so nothing was sent. Set {ApiKeyVariable} to your API key (it is never printed or saved), or leave submit off to see the estimate only.");
        using var backend = CreateBackend(key);
        foreach (var i in pending)
        {
            var entry = await Guarded(key, $"creating the batch for {state.Batches[i].RequestFile}", () => backend.CreateAsync(Directory, state.Batches[i], saved =>
            {
                state = state.With(i, saved);
                state.Save(Directory);
            }, cancellationToken)).ConfigureAwait(false);
            state = state.With(i, entry);
            state.Save(Directory);
        }

        return new ProviderBatchOutcome(true, $"Sent: {plan} Created {Ids(state)}; the ids are saved in {Path.Combine(Directory, ProviderBatchState.FileName)}.", state);
    }

    /// <summary>
    /// Polls every submitted batch until all have ended, waiting <see cref="ProviderBatchOptions.FirstPollDelay"/> and then longer (times
    /// <see cref="ProviderBatchOptions.PollBackoff"/>, at most <see cref="ProviderBatchOptions.MaxPollDelay"/>), reporting each check. Needs the key, not the submit flag (polling costs nothing);
    /// without a key it says what it would do and skips.
    /// </summary>
    /// <exception cref="TimeoutException">Still running after <see cref="ProviderBatchOptions.MaxWait"/>; the ids stay saved, so a later call goes on waiting.</exception>
    public async Task<ProviderBatchOutcome> WaitAsync(IProgress<ProviderBatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var state = RequiredState();
        var key = ApiKey();
        var skipped = NothingToWaitFor(state, key);
        if (skipped is not null || key is null)
        {
            return skipped!; // not null whenever the key is: NothingToWaitFor answers for a missing key
        }

        var clock = options.TimeProvider;
        var start = clock.GetTimestamp();
        var delay = options.FirstPollDelay;
        using var backend = CreateBackend(key);
        while (true)
        {
            (state, var checks) = await CheckRunningAsync(state, backend, key, cancellationToken).ConfigureAwait(false);
            var allEnded = state.Batches.All(b => b.BatchId is null || b.Ended);
            var elapsed = clock.GetElapsedTime(start);
            foreach (var check in checks)
            {
                progress?.Report(new ProviderBatchProgress(check.Entry.BatchId!, check.Entry.Status ?? "", check.Finished, check.Failed, check.Total, elapsed, check.Entry.Ended ? null : delay));
            }

            if (allEnded)
            {
                return new ProviderBatchOutcome(true, $"Every batch has ended after {elapsed:hh\\:mm\\:ss}: {Statuses(state)}.", state);
            }

            if (elapsed + delay > options.MaxWait)
            {
                throw new TimeoutException(
                    $"{Statuses(state)}: still running after {elapsed:hh\\:mm\\:ss} (MaxWait {options.MaxWait}). The ids are saved in {Path.Combine(Directory, ProviderBatchState.FileName)}: wait again later, nothing will be sent twice.");
            }

            await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks((long)Math.Min(delay.Ticks * options.PollBackoff, options.MaxPollDelay.Ticks));
        }
    }

    // Why WaitAsync has nothing to poll (nothing submitted, everything ended, no key), or null when it has.
    private ProviderBatchOutcome? NothingToWaitFor(ProviderBatchState state, string? key)
    {
        if (!state.AnySubmitted)
        {
            return new ProviderBatchOutcome(false, $"Nothing submitted yet in {Directory}: nothing to wait for.", state);
        }

        if (state.Batches.All(b => b.BatchId is null || b.Ended))
        {
            return new ProviderBatchOutcome(false, $"Every batch has ended: {Statuses(state)}.", state);
        }

        return key is null ? new ProviderBatchOutcome(false, $"Would poll {Ids(state)}. Not checked: {ApiKeyVariable} is not set in the environment.", state) : null;
    }

    // Checks each submitted batch that has not ended, saving the state after each check (a crash loses no answer).
    private async Task<(ProviderBatchState State, List<BatchCheck> Checks)> CheckRunningAsync(
        ProviderBatchState state, IProviderBatchBackend backend, string key, CancellationToken cancellationToken)
    {
        var checks = new List<BatchCheck>();
        for (var i = 0; i < state.Batches.Count; i++)
        {
            if (state.Batches[i].BatchId is null || state.Batches[i].Ended)
            {
                continue;
            }

            var entry = state.Batches[i];
            var check = await Guarded(key, $"checking batch {entry.BatchId}", () => backend.CheckAsync(entry, cancellationToken)).ConfigureAwait(false);
            state = state.With(i, check.Entry);
            state.Save(Directory);
            checks.Add(check);
        }

        return (state, checks);
    }

    /// <summary>
    /// Downloads the results (and errors) of every ended batch not yet downloaded, then matches all results to the sent emails by custom_id.
    /// Needs the key only to download; without it, it says what it would do and skips.
    /// </summary>
    /// <exception cref="InvalidDataException">A result file holds ids that are not in its request file (results of another batch); the message names both files and the ids.</exception>
    public async Task<ProviderBatchOutcome> CollectAsync(CancellationToken cancellationToken = default)
    {
        var state = RequiredState();
        if (!state.AnySubmitted)
        {
            return new ProviderBatchOutcome(false, $"Nothing submitted yet in {Directory}: nothing to collect.", state);
        }

        var running = state.Batches.Where(b => b.BatchId is not null && !b.Ended).ToList();
        if (running.Count > 0)
        {
            return new ProviderBatchOutcome(false, $"Not collected: {string.Join(", ", running.Select(b => $"{b.BatchId} ({b.Status ?? "not checked yet"})"))} still running; wait for them first.", state);
        }

        var calledProvider = false;
        var toDownload = Enumerable.Range(0, state.Batches.Count).Where(i => state.Batches[i].BatchId is not null && state.Batches[i].ResultFiles is null).ToList();
        if (toDownload.Count > 0)
        {
            var key = ApiKey();
            if (key is null)
            {
                return new ProviderBatchOutcome(false, $"Would download the results of {string.Join(", ", toDownload.Select(i => state.Batches[i].BatchId))}. Not downloaded: {ApiKeyVariable} is not set in the environment.", state);
            }

            using var backend = CreateBackend(key);
            foreach (var i in toDownload)
            {
                var entry = state.Batches[i];
                entry = await Guarded(key, $"downloading the results of batch {entry.BatchId}", () => backend.DownloadAsync(Directory, entry, cancellationToken)).ConfigureAwait(false);
                state = state.With(i, entry);
                state.Save(Directory);
            }

            calledProvider = true;
        }

        var report = MatchAll(state);
        return new ProviderBatchOutcome(calledProvider, $"Collected {Statuses(state)}: {report}.", state, report);
    }

    // Every downloaded result matched to its request by custom_id, over all batches. A request sent again (ResendUnfinishedAsync) keeps its newest result:
    // a later batch's answer replaces an earlier expiry, and an id is missing only when no batch brought it back.
    private ProviderResultReport MatchAll(ProviderBatchState state)
    {
        var reports = state.Batches.Where(b => b.BatchId is not null)
            .Select(b => MatchResults(Provider, Path.Combine(Directory, b.RequestFile), b.Downloaded.Select(f => Path.Combine(Directory, f)).ToArray()))
            .ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var order = reports.SelectMany(r => r.Results.Select(x => x.CustomId).Concat(r.Missing)).Where(seen.Add).ToList();
        var newest = new Dictionary<string, ProviderResult>(StringComparer.Ordinal);
        foreach (var result in reports.SelectMany(r => r.Results))
        {
            newest[result.CustomId] = result;
        }

        return new ProviderResultReport(
            order.Where(newest.ContainsKey).Select(id => newest[id]).ToList(), order.Where(id => !newest.ContainsKey(id)).ToList(),
            reports.SelectMany(r => r.Unknown).ToList(), reports.SelectMany(r => r.Duplicates).ToList());
    }

    /// <summary>
    /// The whole trip: <see cref="SubmitAsync"/>, then (when something is submitted and a key is set) <see cref="WaitAsync"/> and <see cref="CollectAsync"/>.
    /// A run restarted after a crash or a closed notebook picks up the saved batch ids and goes on polling them.
    /// </summary>
    public async Task<ProviderBatchOutcome> RunAsync(bool submit, IProgress<ProviderBatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var submitted = await SubmitAsync(submit, cancellationToken).ConfigureAwait(false);
        if (!submitted.State.AnySubmitted || !HasApiKey)
        {
            return submitted;
        }

        var waited = await WaitAsync(progress, cancellationToken).ConfigureAwait(false);
        var collected = await CollectAsync(cancellationToken).ConfigureAwait(false);
        return collected with { CalledProvider = submitted.CalledProvider || waited.CalledProvider || collected.CalledProvider, Message = $"{submitted.Message} {collected.Message}" };
    }

    /// <summary>
    /// Reads the result files of one batch and matches them with the custom_ids of <paramref name="requestFile"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The results hold ids that are not in the request file (results of another batch): the message names both files and the first ids.</exception>
    /// <exception cref="FormatException">A result line is not valid JSON or not of a result's shape (file and line named).</exception>
    public static ProviderResultReport MatchResults(BatchProvider provider, string requestFile, params string[] resultFiles)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestFile);
        ArgumentNullException.ThrowIfNull(resultFiles);
        var ids = ReadRequestIds(provider, requestFile);
        var report = provider == BatchProvider.OpenAi ? OpenAiBatchFile.ReadResults(ids, resultFiles) : AnthropicBatchFile.ReadResults(ids, resultFiles);
        if (report.Unknown.Count > 0)
        {
            var none = report.Results.Count == 0 ? "none of its ids are in the request file, so these are the results of another batch" : "results of another batch are mixed in";
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{string.Join(", ", resultFiles)}: {report.Unknown.Count:N0} result id(s) are not in the request file {requestFile} (first: {string.Join(", ", report.Unknown.Take(5))}); {none}. Give the result files of this request file."));
        }

        return report;
    }

    /// <summary>The custom_ids in a request file, in order.</summary>
    internal static IReadOnlyList<string> ReadRequestIds(BatchProvider provider, string requestFile) =>
        ReadRequests(provider, requestFile).Select(r => r.Id).ToList();

    private static IEnumerable<IReadOnlyList<string>> PromptMessages(BatchProvider provider, string requestFile) => ReadRequests(provider, requestFile).Select(r => r.Messages);

    // Each request's custom_id and the texts of its prompt (system and user messages).
    private static List<(string Id, IReadOnlyList<string> Messages)> ReadRequests(BatchProvider provider, string requestFile)
    {
        if (!File.Exists(requestFile))
        {
            throw new FileNotFoundException($"The request file {requestFile} does not exist (was it moved or deleted after Prepare?).", requestFile);
        }

        try
        {
            return provider == BatchProvider.OpenAi ? ReadOpenAiRequests(requestFile) : ReadAnthropicRequests(requestFile);
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new InvalidDataException($"{requestFile}: not a {provider} batch request file ({error.Message}).", error);
        }
    }

    private static List<(string Id, IReadOnlyList<string> Messages)> ReadOpenAiRequests(string requestFile)
    {
        var requests = new List<(string, IReadOnlyList<string>)>();
        var number = 0;
        foreach (var line in File.ReadLines(requestFile))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var id = root.TryGetProperty("custom_id", out var c) ? c.GetString() : null;
            var texts = root.TryGetProperty("body", out var body) && body.TryGetProperty("messages", out var messages) ? Contents(messages) : [];
            requests.Add((id ?? throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{requestFile} line {number}: no custom_id.")), texts));
        }

        return requests;
    }

    private static List<(string Id, IReadOnlyList<string> Messages)> ReadAnthropicRequests(string requestFile)
    {
        var requests = new List<(string, IReadOnlyList<string>)>();
        using var document = JsonDocument.Parse(File.ReadAllText(requestFile));
        var number = 0;
        foreach (var request in document.RootElement.GetProperty("requests").EnumerateArray())
        {
            number++;
            var id = request.TryGetProperty("custom_id", out var c) ? c.GetString() : null;
            var texts = new List<string>();
            if (request.TryGetProperty("params", out var parameters))
            {
                if (parameters.TryGetProperty("system", out var system) && system.ValueKind == JsonValueKind.String)
                {
                    texts.Add(system.GetString()!);
                }

                texts.AddRange(parameters.TryGetProperty("messages", out var messages) ? Contents(messages) : []);
            }

            requests.Add((id ?? throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{requestFile} request {number}: no custom_id.")), texts));
        }

        return requests;
    }

    // The text content of each chat message.
    private static List<string> Contents(JsonElement messages) =>
        messages.EnumerateArray()
            .Select(m => m.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String ? content.GetString()! : "")
            .Where(text => text.Length > 0)
            .ToList();

    private void CheckLimits(string requestFile)
    {
        var limits = Limits;
        var bytes = new FileInfo(requestFile).Length;
        if (bytes > limits.MaxBytes)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{requestFile} is {bytes:N0} bytes, over {Provider}'s limit of {limits.MaxBytes:N0} bytes per batch; nothing was sent. Prepare again to split it."));
        }

        var count = ReadRequestIds(Provider, requestFile).Count;
        if (count > limits.MaxRequests)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{requestFile} holds {count:N0} requests, over {Provider}'s limit of {limits.MaxRequests:N0} per batch; nothing was sent. Prepare again to split it."));
        }
    }

    private ProviderBatchState RequiredState()
    {
        var state = State ?? throw new InvalidOperationException($"No batch prepared in {Directory} (no {ProviderBatchState.FileName}): call Prepare first (or `inbox submit`).");
        if (state.Provider != Provider)
        {
            throw new InvalidOperationException($"{Path.Combine(Directory, ProviderBatchState.FileName)} holds {state.Provider} batches, not {Provider}: use a client for {state.Provider}, or another directory.");
        }

        return state;
    }

    private string? ApiKey()
    {
        var key = options.ReadEnvironment(ApiKeyVariable);
        return string.IsNullOrWhiteSpace(key) ? null : key.Trim();
    }

    private IProviderBatchBackend CreateBackend(string key) =>
        Provider == BatchProvider.OpenAi ? new OpenAiBatchBackend(key, options) : new AnthropicBatchBackend(key, options);

    // A provider call whose failure is reported in one sentence naming the step, with the key blanked out should any message hold it.
    private async Task<T> Guarded<T>(string key, string step, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException and not InvalidDataException and not IOException)
        {
            var message = Redact(error.Message, key);
            var leaks = error.ToString().Contains(key, StringComparison.Ordinal);
            throw new InvalidOperationException($"{Provider} failed while {step}: {message} (the ids already created are saved in {ProviderBatchState.FileName}).", leaks ? null : error);
        }
    }

    internal static string Redact(string text, string key) => text.Replace(key, "[API key]", StringComparison.Ordinal);

    private static string Ids(ProviderBatchState state) => "batch(es) " + string.Join(", ", state.Batches.Select(b => b.BatchId).OfType<string>());

    private static string Statuses(ProviderBatchState state) =>
        string.Join(", ", state.Batches.Where(b => b.BatchId is not null).Select(b => $"{b.BatchId} {b.Status ?? "created"}"));

    private static ApiPrice? FindPrice(PriceTable prices, string model)
    {
        // The API spells versions with hyphens (claude-haiku-4-5), the price table with a dot (claude-haiku-4.5).
        foreach (var name in new[] { model, VersionHyphen().Replace(model, "-$1.$2") })
        {
            var price = prices.ApiPrices.FirstOrDefault(p => string.Equals(p.Model, name, StringComparison.OrdinalIgnoreCase));
            if (price is not null)
            {
                return price;
            }
        }

        return null;
    }

    [GeneratedRegex(@"-(\d+)-(\d+)$")]
    private static partial Regex VersionHyphen();
}
