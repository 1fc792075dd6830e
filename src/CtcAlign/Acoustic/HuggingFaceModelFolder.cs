using System.Text.Json;
using CtcAlign.Text;

namespace CtcAlign.Acoustic;

/// <summary>
/// Reads a Hugging Face wav2vec2/MMS CTC folder exported to ONNX, unchanged: vocab.json (token to column; MMS
/// per-language nesting picks tokenizer_config.json's target_lang), config.json (pad_token_id = blank,
/// conv_stride product = frame stride), preprocessor_config.json (sampling_rate, do_normalize).
/// The word delimiter is tokenizer_config.json's word_delimiter_token, else "|".
/// </summary>
internal static class HuggingFaceModelFolder
{
    public static ModelDescription Read(string dir)
    {
        using var config = JsonFields.Open(Path.Combine(dir, "config.json"));
        using var preprocessor = JsonFields.Open(Path.Combine(dir, "preprocessor_config.json"));
        var vocabPath = Path.Combine(dir, "vocab.json");
        if (!File.Exists(vocabPath))
            throw new ModelLoadException($"Model folder '{dir}' has no vocab.json.");
        JsonFields? tokenizer = File.Exists(Path.Combine(dir, "tokenizer_config.json"))
            ? JsonFields.Open(Path.Combine(dir, "tokenizer_config.json"))
            : null;
        using var tokenizerScope = tokenizer;

        var tokens = ReadVocabTokens(vocabPath, tokenizer?.OptionalString("target_lang"));
        var blank = config.OptionalInt("pad_token_id") ?? IndexOrMinusOne(tokens, tokenizer?.OptionalString("pad_token") ?? "<pad>");
        if (blank < 0 || blank >= tokens.Count)
            throw new ModelLoadException($"config.json: pad_token_id {blank} (the CTC blank) is outside the {tokens.Count} tokens of vocab.json.");
        var delimiterToken = tokenizer?.OptionalString("word_delimiter_token") ?? "|";
        var delimiter = IndexOrMinusOne(tokens, delimiterToken);

        var rate = preprocessor.OptionalInt("sampling_rate") ?? 16000;
        var normalize = preprocessor.OptionalBool("do_normalize") ?? true;
        var stride = 1;
        if (config.Root.TryGetProperty("conv_stride", out var strides) && strides.ValueKind == JsonValueKind.Array)
            foreach (var s in strides.EnumerateArray())
                stride *= s.TryGetInt32(out var v) && v > 0 ? v : throw config.Bad("conv_stride", "an array of positive integers");
        else
            stride = 320;

        Vocabulary vocabulary;
        try
        {
            vocabulary = new Vocabulary(tokens, blank, delimiter >= 0 && delimiter != blank ? delimiter : null);
        }
        catch (ArgumentException ex)
        {
            throw new ModelLoadException($"vocab.json: {ex.Message}", ex);
        }
        var name = config.OptionalString("_name_or_path") is { Length: > 0 } n ? n : Path.GetFileName(dir.TrimEnd(Path.DirectorySeparatorChar));
        return new ModelDescription(name, rate, stride, vocabulary, ModelOutputKind.Logits,
            normalize ? InputNormalization.ZeroMeanUnitVariance : InputNormalization.None,
            Version: config.OptionalString("transformers_version") is { } tv ? $"transformers {tv}" : null,
            Language: tokenizer?.OptionalString("target_lang"),
            Provenance: $"Hugging Face {config.OptionalString("model_type") ?? "wav2vec2"} folder");
    }

    private static List<string> ReadVocabTokens(string path, string? targetLanguage)
    {
        using var vocab = JsonFields.Open(path);
        var root = vocab.Root;
        var first = root.EnumerateObject().FirstOrDefault();
        if (first.Value.ValueKind == JsonValueKind.Object)
        {
            // MMS: {"eng": {...}, "fra": {...}}
            var languages = root.EnumerateObject().Select(p => p.Name).ToList();
            var pick = targetLanguage ?? (languages.Count == 1 ? languages[0] : null);
            if (pick is null || !root.TryGetProperty(pick, out var inner))
                throw new ModelLoadException(
                    $"vocab.json holds {languages.Count} languages ({string.Join(", ", languages.Take(5))}...); set target_lang in tokenizer_config.json.");
            root = inner;
        }
        try
        {
            return Vocabulary.FromVocabJson(root.GetRawText(), blankToken: FirstBlankName(root)).Tokens.ToList();
        }
        catch (FormatException ex)
        {
            throw new ModelLoadException(ex.Message, ex);
        }
    }

    /// <summary>Any token name works here: only the column order is used, the blank comes from pad_token_id.</summary>
    private static string FirstBlankName(JsonElement map) => map.EnumerateObject().First().Name;

    private static int IndexOrMinusOne(List<string> tokens, string token) => tokens.IndexOf(token);
}
