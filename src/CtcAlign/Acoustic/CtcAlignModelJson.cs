using System.Text.Json;
using CtcAlign.Alignment;
using CtcAlign.LongForm;
using CtcAlign.Text;

namespace CtcAlign.Acoustic;

/// <summary>
/// Reads <c>ctcalign-model.json</c>. Fields (snake_case): name, version, language, license, provenance,
/// sample_rate, frame_stride_samples (or frame_stride_seconds), input_name, output_name,
/// output_kind ("logits" | "log_probs"), normalization ("none" | "zero_mean_unit_var"),
/// vocabulary (tokens in column order), blank (token or index), word_delimiter (token, index or null),
/// boundary_rules (optional: start_shift_s, end_pad_s, gap_limit_s, measured for this model),
/// precisions (optional: {"int8": "model.int8.onnx"}, other graphs of the same model in the same folder).
/// calibration (optional: the p_correct logistic regression, see <see cref="LineCalibration"/>: features, means, scales,
/// weights, intercept, min_p, model_sha256, vetoes (optional: the checks that keep a line from aligned whatever its
/// p_correct, of "not_heard" and "pause"; both when absent); written by tools/calibrate/fit.sh).
/// </summary>
internal static class CtcAlignModelJson
{
    public static ModelDescription Read(string path)
    {
        using var json = JsonFields.Open(path);
        var name = json.OptionalString("name") ?? Path.GetFileName(Path.GetDirectoryName(path)) ?? "model";
        var rate = json.RequiredInt("sample_rate");
        if (rate <= 0)
            throw json.Bad("sample_rate", "a positive number of samples per second");
        int stride;
        if (json.OptionalInt("frame_stride_samples") is { } samples)
            stride = samples;
        else if (json.OptionalNumber("frame_stride_seconds") is { } seconds)
        {
            stride = (int)Math.Round(seconds * rate);
            if (Math.Abs(stride - seconds * rate) > 1e-6 * rate)
                throw new ModelLoadException($"{json.FileName}: frame_stride_seconds {seconds} is not a whole number of samples at {rate} Hz.");
        }
        else
            throw new ModelLoadException($"{json.FileName} has neither \"frame_stride_samples\" nor \"frame_stride_seconds\".");
        if (stride <= 0)
            throw json.Bad("frame_stride_samples", "a positive number of samples");

        var outputKind = json.OptionalString("output_kind") switch
        {
            null or "log_probs" or "logprobs" or "log_softmax" => ModelOutputKind.LogProbs,
            "logits" => ModelOutputKind.Logits,
            var other => throw new ModelLoadException($"{json.FileName}: output_kind \"{other}\" is not \"logits\" or \"log_probs\"."),
        };
        var normalization = json.OptionalString("normalization") switch
        {
            null or "none" => InputNormalization.None,
            "zero_mean_unit_var" => InputNormalization.ZeroMeanUnitVariance,
            var other => throw new ModelLoadException($"{json.FileName}: normalization \"{other}\" is not \"none\" or \"zero_mean_unit_var\"."),
        };

        if (!json.Root.TryGetProperty("vocabulary", out var vocabElement) || vocabElement.ValueKind != JsonValueKind.Array)
            throw new ModelLoadException($"{json.FileName} has no \"vocabulary\" array of tokens in column order.");
        var tokens = new List<string>();
        foreach (var t in vocabElement.EnumerateArray())
            tokens.Add(t.ValueKind == JsonValueKind.String ? t.GetString()! : throw json.Bad("vocabulary", "an array of strings"));

        var blank = TokenIndex(json, "blank", tokens) ?? throw json.Missing("blank");
        var delimiter = TokenIndex(json, "word_delimiter", tokens);
        Vocabulary vocabulary;
        try
        {
            vocabulary = new Vocabulary(tokens, blank, delimiter);
        }
        catch (ArgumentException ex)
        {
            throw new ModelLoadException($"{json.FileName}: {ex.Message}", ex);
        }

        var calibration = ReadCalibration(json);
        string? calibrationNote = null;
        if (calibration is not null && !calibration.FitsThisBuild)
        {
            // Fitted by a ctcalign with other features (older or newer): not used, like a calibration fitted for another
            // model.onnx, so the package still aligns (with the rule statuses) and fit.sh can refit it.
            calibrationNote = $"the calibration in {json.FileName} was fitted over other features than this ctcalign computes "
                + $"(it has {calibration.FeatureNames.Count}, this build {LineEvidence.FeatureNames.Count}: "
                + $"{Difference(calibration.FeatureNames)}): no p_correct, rule statuses (refit with tools/calibrate/fit.sh)";
            calibration = null;
        }
        return new ModelDescription(name, rate, stride, vocabulary, outputKind, normalization,
            json.OptionalString("input_name"), json.OptionalString("output_name"),
            json.OptionalString("version"), json.OptionalString("language"),
            json.OptionalString("license"), json.OptionalString("provenance"), ReadBoundaryRules(json), ReadPrecisions(json), calibration)
        {
            CalibrationNote = calibrationNote,
        };
    }

    private static Dictionary<string, string>? ReadPrecisions(JsonFields json)
    {
        if (!json.Root.TryGetProperty("precisions", out var p) || p.ValueKind == JsonValueKind.Null)
            return null;
        if (p.ValueKind != JsonValueKind.Object)
            throw json.Bad("precisions", "an object such as {\"int8\": \"model.int8.onnx\"}");
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in p.EnumerateObject())
        {
            var file = e.Value.ValueKind == JsonValueKind.String ? e.Value.GetString()! : "";
            if (e.Name != "int8" || file.Length == 0 || file != Path.GetFileName(file) || !file.EndsWith(".onnx", StringComparison.Ordinal))
                throw json.Bad("precisions." + e.Name, "\"int8\" naming an .onnx file in the model folder");
            files[e.Name] = file;
        }
        return files;
    }

    private static BoundaryRules? ReadBoundaryRules(JsonFields json)
    {
        if (!json.Root.TryGetProperty("boundary_rules", out var rules) || rules.ValueKind == JsonValueKind.Null)
            return null;
        if (rules.ValueKind != JsonValueKind.Object)
            throw json.Bad("boundary_rules", "an object with start_shift_s, end_pad_s and gap_limit_s");
        double Seconds(string field, double min, double max)
        {
            if (!rules.TryGetProperty(field, out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d)
                || !(d >= min && d <= max))
                throw json.Bad("boundary_rules." + field, $"a number of seconds from {min} to {max}");
            return d;
        }
        return new BoundaryRules(Seconds("start_shift_s", -1, 1), Seconds("end_pad_s", -1, 1), Seconds("gap_limit_s", 0, 5));
    }

    private static LineCalibration? ReadCalibration(JsonFields json)
    {
        if (!json.Root.TryGetProperty("calibration", out var c) || c.ValueKind == JsonValueKind.Null)
            return null;
        if (c.ValueKind != JsonValueKind.Object)
            throw json.Bad("calibration", "an object with features, means, scales, weights, intercept and min_p");
        double[] Numbers(string field)
        {
            if (!c.TryGetProperty(field, out var v) || v.ValueKind != JsonValueKind.Array
                || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Number))
                throw json.Bad("calibration." + field, "an array of numbers");
            return v.EnumerateArray().Select(e => e.GetDouble()).ToArray();
        }
        double Number(string field) => c.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number
            ? v.GetDouble()
            : throw json.Bad("calibration." + field, "a number");
        if (!c.TryGetProperty("features", out var names) || names.ValueKind != JsonValueKind.Array
            || names.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            throw json.Bad("calibration.features", "an array of feature names");
        var sha = c.TryGetProperty("model_sha256", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        var vetoes = LineCalibration.DefaultVetoes;
        if (c.TryGetProperty("vetoes", out var v) && v.ValueKind != JsonValueKind.Null)
        {
            var known = $"an array of the checks {string.Join(", ", LineCalibration.VetoNames.Keys.Select(k => $"\"{k}\""))}";
            if (v.ValueKind != JsonValueKind.Array)
                throw json.Bad("calibration.vetoes", known);
            vetoes = LineChecks.None;
            foreach (var e in v.EnumerateArray())
                vetoes |= e.ValueKind == JsonValueKind.String && LineCalibration.VetoNames.TryGetValue(e.GetString()!, out var check)
                    ? check
                    : throw json.Bad("calibration.vetoes", known);
        }
        var calibration = new LineCalibration(names.EnumerateArray().Select(e => e.GetString()!).ToArray(), Numbers("means"),
            Numbers("scales"), Numbers("weights"), Number("intercept"), Number("min_p"), sha) { Vetoes = vetoes };
        try
        {
            calibration.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new ModelLoadException($"{json.FileName}: {ex.Message}", ex);
        }
        return calibration;
    }

    /// <summary>The features the calibration lacks and has in excess, against this build's (for the note).</summary>
    private static string Difference(IReadOnlyList<string> fitted)
    {
        var missing = LineEvidence.FeatureNames.Except(fitted).ToArray();
        var extra = fitted.Except(LineEvidence.FeatureNames).ToArray();
        var parts = new List<string>();
        if (missing.Length > 0)
            parts.Add($"without {string.Join(", ", missing)}");
        if (extra.Length > 0)
            parts.Add($"with {string.Join(", ", extra)}");
        return parts.Count > 0 ? string.Join("; ", parts) : "in another order";
    }

    private static int? TokenIndex(JsonFields json, string field, List<string> tokens)
    {
        if (!json.Root.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
            return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var index))
            return index >= 0 && index < tokens.Count
                ? index
                : throw new ModelLoadException($"{json.FileName}: {field} index {index} is outside the {tokens.Count} tokens.");
        if (v.ValueKind == JsonValueKind.String)
        {
            var i = tokens.IndexOf(v.GetString()!);
            return i >= 0 ? i : throw new ModelLoadException($"{json.FileName}: {field} token \"{v.GetString()}\" is not in the vocabulary.");
        }
        throw json.Bad(field, "a token or an index");
    }
}
