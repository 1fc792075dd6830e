namespace CtcAlign.Storage;

/// <summary>One table of the store: its columns (in order) and indexes.</summary>
public sealed record StoreTable(string Name, IReadOnlyList<StoreColumn> Columns, IReadOnlyList<StoreIndex> Indexes)
{
    /// <summary>The column names as a quoted, comma-separated SQL list, leaving out the auto-numbered key.</summary>
    public string InsertColumnList => string.Join(", ", Columns.Where(c => c.Kind != ColumnKind.Key).Select(c => StoreSchema.Quote(c.Name)));

    /// <summary>The columns written by an insert (all but the auto-numbered key).</summary>
    public IReadOnlyList<StoreColumn> InsertColumns => Columns.Where(c => c.Kind != ColumnKind.Key).ToList();
}
