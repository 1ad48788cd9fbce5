using System.Collections;
using System.Globalization;
using System.Runtime.ExceptionServices;

namespace BatchLearning.Serving;

/// <summary>
/// A batch function's results in which some requests failed on their own (for example a request of the wrong width): a
/// <see cref="DynamicBatcher{TInput, TOutput}"/> fails exactly those callers with their own exception and answers the rest.
/// </summary>
/// <remarks>Reading a failed position (by index or by enumerating) throws that request's exception.</remarks>
/// <typeparam name="TOutput">One request's result.</typeparam>
public sealed class BatchResults<TOutput> : IReadOnlyList<TOutput>
{
    private readonly TOutput[] _results;
    private readonly Dictionary<int, Exception> _failures;

    /// <summary>Results for a batch of <paramref name="results"/>.Length requests; the positions in <paramref name="failures"/> failed (their results are ignored).</summary>
    /// <param name="results">One result per request, in order (any value at a failed position).</param>
    /// <param name="failures">Position in the batch to that request's exception.</param>
    /// <exception cref="ArgumentOutOfRangeException">A failure's position is outside the batch.</exception>
    public BatchResults(IReadOnlyList<TOutput> results, IReadOnlyDictionary<int, Exception> failures)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(failures);
        _results = [.. results];
        _failures = new Dictionary<int, Exception>(failures);
        foreach (var (position, failure) in _failures)
        {
            if (position < 0 || position >= _results.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(failures), position,
                    string.Create(CultureInfo.InvariantCulture, $"A failure's position must be from 0 to {_results.Length - 1} (the batch's positions); got {position}."));
            }

            ArgumentNullException.ThrowIfNull(failure, nameof(failures));
        }
    }

    /// <summary>The requests that failed: position in the batch to exception.</summary>
    public IReadOnlyDictionary<int, Exception> Failures => _failures;

    /// <summary>The number of requests in the batch, failed ones included.</summary>
    public int Count => _results.Length;

    /// <summary>The result at <paramref name="index"/>; throws that request's exception when it failed.</summary>
    public TOutput this[int index]
    {
        get
        {
            if (_failures.TryGetValue(index, out var failure))
            {
                ExceptionDispatchInfo.Throw(failure);
            }

            return _results[index];
        }
    }

    /// <summary>True (with the exception) when the request at <paramref name="index"/> failed.</summary>
    public bool Failed(int index, out Exception failure) => _failures.TryGetValue(index, out failure!);

    /// <inheritdoc />
    public IEnumerator<TOutput> GetEnumerator()
    {
        for (var i = 0; i < _results.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
