using System.Globalization;
using System.Text.Json;

namespace CtcAlign.Audio;

/// <summary>
/// What ffprobe reports of a media file: the container's duration, the first audio stream's channel count, and that
/// stream's start relative to the earliest stream start of the container (the programme's time 0), and the first video
/// stream's start relative to the same, all null when unknown.
/// </summary>
public sealed record MediaProbe(double? DurationSeconds, int? Channels, double? AudioStartSeconds, double? VideoStartSeconds = null)
{
    public static MediaProbe Unknown { get; } = new(null, null, null);

    /// <summary>
    /// Reads ffprobe's <c>-of json</c> output of <c>format=duration,start_time:stream=index,codec_type,channels,start_time</c>.
    /// The earliest start is the container's start_time, else the smallest stream start.
    /// </summary>
    public static MediaProbe FromJson(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            double? duration = null, formatStart = null;
            if (root.TryGetProperty("format", out var format))
            {
                duration = Number(format, "duration") is { } d && d > 0 ? d : null;
                formatStart = Number(format, "start_time");
            }
            int? channels = null;
            double? audioStart = null;
            double? earliest = null;
            double? videoStart = null;
            var audioSeen = false;
            var videoSeen = false;
            if (root.TryGetProperty("streams", out var streams) && streams.ValueKind == JsonValueKind.Array)
            {
                foreach (var stream in streams.EnumerateArray())
                {
                    var start = Number(stream, "start_time");
                    if (start is { } st)
                        earliest = earliest is { } e ? Math.Min(e, st) : st;
                    var kind = stream.TryGetProperty("codec_type", out var type) ? type.GetString() : null;
                    if (kind == "video" && !videoSeen)
                    {
                        videoSeen = true;
                        videoStart = start;
                    }
                    if (audioSeen || kind != "audio")
                        continue;
                    audioSeen = true;
                    audioStart = start;
                    if (stream.TryGetProperty("channels", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) && n is > 0 and <= 64)
                        channels = n;
                }
            }
            var zero = formatStart ?? earliest;
            double? offset = audioStart is { } a && zero is { } z ? Math.Max(0, Math.Round(a - z, 6)) : null;
            double? video = videoStart is { } v && zero is { } z0 ? Math.Max(0, Math.Round(v - z0, 6)) : null;
            return new MediaProbe(duration, channels, offset, video);
        }
        catch (JsonException)
        {
            return Unknown;
        }
    }

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
        && double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x)
            ? x
            : null;
}
