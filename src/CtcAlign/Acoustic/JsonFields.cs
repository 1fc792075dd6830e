using System.Text.Json;

namespace CtcAlign.Acoustic;

/// <summary>Reads a model JSON file and its fields, turning every problem into a <see cref="ModelLoadException"/> naming the file and field.</summary>
internal sealed class JsonFields : IDisposable
{
    private readonly JsonDocument _document;

    private JsonFields(string fileName, JsonDocument document)
    {
        FileName = fileName;
        _document = document;
    }

    public string FileName { get; }

    public JsonElement Root => _document.RootElement;

    public static JsonFields Open(string path)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
            throw new ModelLoadException($"Model folder '{Path.GetDirectoryName(path)}' has no {name}.");
        try
        {
            var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new ModelLoadException($"{name} is not a JSON object.");
            return new JsonFields(name, doc);
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException($"{name} is not valid JSON: {ex.Message}", ex);
        }
        catch (IOException ex)
        {
            throw new ModelLoadException($"Cannot read {name}: {ex.Message}", ex);
        }
    }

    public string? OptionalString(string field) =>
        Root.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : throw Bad(field, "a string")
            : null;

    public double? OptionalNumber(string field) =>
        Root.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw Bad(field, "a number")
            : null;

    public int? OptionalInt(string field)
    {
        var d = OptionalNumber(field);
        if (d is null)
            return null;
        if (d != Math.Floor(d.Value) || d < int.MinValue || d > int.MaxValue)
            throw Bad(field, "an integer");
        return (int)d.Value;
    }

    public int RequiredInt(string field) => OptionalInt(field) ?? throw Missing(field);

    public bool? OptionalBool(string field) =>
        Root.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : throw Bad(field, "true or false")
            : null;

    public ModelLoadException Missing(string field) => new($"{FileName} has no \"{field}\".");

    public ModelLoadException Bad(string field, string expected) => new($"{FileName}: \"{field}\" must be {expected}.");

    public void Dispose() => _document.Dispose();
}
