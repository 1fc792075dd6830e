namespace CtcAlign.Formats;

/// <summary>How a TTML document writes its time expressions; re-timed documents keep their own.</summary>
public enum TtmlTimeStyle
{
    /// <summary>Clock time with a decimal fraction: <c>00:00:01.250</c> (written to the millisecond).</summary>
    ClockFraction,

    /// <summary>Clock time with frames: <c>00:00:01:06</c> (<c>ttp:frameRate</c>, <c>ttp:frameRateMultiplier</c>).</summary>
    ClockFrames,

    /// <summary>Offset time in seconds: <c>1.25s</c> (also read: <c>h</c>, <c>m</c>).</summary>
    OffsetSeconds,

    /// <summary>Offset time in milliseconds: <c>1250ms</c>.</summary>
    OffsetMilliseconds,

    /// <summary>Offset time in frames: <c>31f</c>.</summary>
    OffsetFrames,

    /// <summary>Offset time in ticks of <c>ttp:tickRate</c>: <c>12500000t</c>.</summary>
    OffsetTicks,
}
