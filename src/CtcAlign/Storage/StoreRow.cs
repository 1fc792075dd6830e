using System.Globalization;

namespace CtcAlign.Storage;

/// <summary>
/// One row of a query result, read by column name (each backend hands its values over as long, double, string or null).
/// A column the row lacks reads as NULL: an older store opened read-only (not migrated) has no newer columns.
/// </summary>
public sealed class StoreRow(IReadOnlyDictionary<string, int> columns, object?[] values)
{
    public object? this[string column] => columns.TryGetValue(column, out var i) && values[i] is not DBNull ? values[i] : null;

    public string Text(string column) => (string?)this[column] ?? "";

    public string? NullableText(string column) => (string?)this[column];

    public double Real(string column) => this[column] is { } v ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : 0;

    public double? NullableReal(string column) => this[column] is { } v ? Convert.ToDouble(v, CultureInfo.InvariantCulture) : null;

    public long Integer(string column) => this[column] is { } v ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : 0;
}
