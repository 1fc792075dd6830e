using System.Diagnostics;
using CtcAlign.Pipeline;

namespace CtcAlign.Cli.Progress;

/// <summary>
/// Counts an align batch as it goes (thread-safe): files finished, audio done, and the ETA from media bytes (a
/// file in flight counts by the share of its duration already aligned, when the aligner says; skipped and failed
/// files leave the total instead of counting as work done).
/// </summary>
public sealed class BatchProgress(IReadOnlyList<string> ids, IReadOnlyList<long> bytes)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private readonly HashSet<int> _running = [];
    private int _finished;
    private int _failed;
    private double _audioSeconds;
    private long _workBytes = bytes.Sum();
    private long _doneBytes;

    /// <summary>Where the files in flight stand (set once the aligner exists).</summary>
    public Func<IReadOnlyList<MediaProgress>>? InFlight { get; set; }

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Started(int index)
    {
        lock (_lock)
            _running.Add(index);
    }

    /// <summary>A file is done: <paramref name="audioSeconds"/> aligned (null: skipped or failed, so not work done).</summary>
    public int Finished(int index, double? audioSeconds, bool failed)
    {
        lock (_lock)
        {
            _running.Remove(index);
            if (audioSeconds is { } seconds)
            {
                _audioSeconds += seconds;
                _doneBytes += bytes[index];
            }
            else
            {
                _workBytes -= bytes[index];
            }
            if (failed)
                _failed++;
            return ++_finished;
        }
    }

    public ProgressSnapshot Snapshot()
    {
        var reported = InFlight?.Invoke() ?? [];
        lock (_lock)
        {
            var current = _running.Order().Select(i =>
                reported.FirstOrDefault(p => p.Id == ids[i]) ?? new MediaProgress(ids[i], 0, null)).ToList();
            var audio = _audioSeconds + current.Sum(p => p.SecondsDone);
            double done = _doneBytes;
            foreach (var (p, i) in current.Zip(_running.Order()))
                if (p.DurationSeconds is > 0 and var d)
                    done += bytes[i] * Math.Clamp(p.SecondsDone / d, 0, 1);
            var elapsed = _clock.Elapsed;
            TimeSpan? eta = done > 0 && _workBytes > 0
                ? TimeSpan.FromSeconds(elapsed.TotalSeconds * Math.Max(0, _workBytes - done) / done)
                : null;
            return new ProgressSnapshot(_finished, ids.Count, _failed, audio, elapsed, eta, current);
        }
    }
}
