namespace CtcAlign.Formats;

/// <summary>
/// Plays CEA-608 byte pairs (parity removed) of one data channel (CC1, or CC2: control codes with first byte
/// 0x18-0x1F, and the characters sent after them) into the decoder's two memories, as a caption decoder
/// would, and collects what reaches the screen: a pop-on caption from its EOC until the next EOC or EDM; a paint-on
/// caption from its first character until it is erased or replaced (its text as it stood then); a roll-up caption
/// per row, from its first character until the carriage return that rolls it up (or an erase). Redundant control
/// codes (each sent twice) count once; the other channel and text mode are skipped: characters belong to the channel
/// of the last control code before them (CC1 before any), so a file with both channels never mixes them.
/// </summary>
public sealed class Cea608Decoder
{
    /// <summary>A caption as shown: its rows (1-15) with their first column and marked-up text, how it was shown, and the file line it started on.</summary>
    public sealed record Caption(double Start, double? End, string Mode, IReadOnlyList<(int Row, int Column, string Text)> Rows, int FileLine);

    private enum Mode { None, PopOn, RollUp, PaintOn }

    private readonly List<Caption> _captions = [];
    private (char Char, CaptionStyle Style)?[,] _displayed = new (char, CaptionStyle)?[Cea608.Rows, Cea608.Columns];
    private (char Char, CaptionStyle Style)?[,] _hidden = new (char, CaptionStyle)?[Cea608.Rows, Cea608.Columns];
    private Mode _mode;
    private int _rollRows = 2;
    private int _row = Cea608.Rows;
    private int _column;
    private CaptionStyle _style;
    private bool _textMode;
    private readonly int _channel;
    private bool _otherChannel;
    private (byte, byte)? _lastControl;

    // what is on screen now: since when, from which line, and (pop-on) its rows; paint-on is read when it ends
    private double? _shownSince;
    private int _shownLine;
    private string _shownMode = "";
    private IReadOnlyList<(int Row, int Column, string Text)>? _shownRows;

    // roll-up: when the base row's first character came
    private double? _rollLineSince;
    private int _rollLineFileLine;

    /// <summary>A decoder of data channel <paramref name="channel"/>: 1 (CC1) or 2 (CC2).</summary>
    public Cea608Decoder(int channel = 1)
    {
        if (channel is not (1 or 2))
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "SCC carries data channels 1 and 2 (CC1, CC2)");
        _channel = channel;
        _otherChannel = channel != 1;
    }

    public int Channel => _channel;

    public IReadOnlyList<Caption> Captions => _captions;

    /// <summary>One byte pair (parity bits removed) received at <paramref name="time"/> seconds, from SCC line <paramref name="fileLine"/>.</summary>
    public void Pair(byte first, byte second, double time, int fileLine)
    {
        if (first is >= 0x10 and <= 0x1F)
        {
            if (_lastControl == (first, second))
            {
                _lastControl = null; // the redundant copy
                return;
            }
            _lastControl = (first, second);
            _otherChannel = (first & 0x08) != 0 != (_channel == 2);
            if (!_otherChannel)
                Control((byte)(first & 0x17), second, time, fileLine);
            return;
        }
        _lastControl = null;
        if (first < 0x20)
            return; // padding (0x80 0x80 with parity) or XDS
        Write(Cea608.Standard(first), time, fileLine);
        if (second >= 0x20)
            Write(Cea608.Standard(second), time, fileLine);
    }

    /// <summary>The captions, the one still on screen at the end of the file without an end time.</summary>
    public IReadOnlyList<Caption> Finish()
    {
        EndRollLine(null);
        CloseShown(null);
        return _captions;
    }

    private void Control(byte first, byte second, double time, int fileLine)
    {
        if (second >= 0x40)
        {
            if (Cea608.ReadAddress(first, second) is not var (row, indent, style))
                return;
            if (_mode == Mode.RollUp && row != _row)
                MoveRollWindow(row);
            (_row, _column, _style) = (row, indent, style);
            return;
        }
        switch (first)
        {
            case 0x11 when second is >= 0x20 and <= 0x2F:
                _style = Cea608.ReadMidRow(second, _style);
                Write(' ', time, fileLine);
                return;
            case 0x11 when second is >= 0x30 and <= 0x3F:
                var special = Cea608.Special(second);
                if (special == '\0')
                    Write(null, time, fileLine);
                else
                    Write(special, time, fileLine);
                return;
            case 0x12 or 0x13 when second is >= 0x20 and <= 0x3F:
                if (_textMode)
                    return;
                if (_column > 0)
                    _column--; // an extended character replaces the standard one sent before it
                Write(Cea608.Extended(first, second), time, fileLine);
                return;
            case 0x17 when second is >= 0x21 and <= 0x23:
                _column = Math.Min(_column + (second - 0x20), Cea608.Columns - 1);
                return;
            case 0x14 or 0x15 when second is >= 0x20 and <= 0x2F:
                Command(second, time, fileLine);
                return;
        }
        // background and foreground attributes, character sets: nothing to keep
    }

    private void Command(byte command, double time, int fileLine)
    {
        switch (command)
        {
            case Cea608.ResumeCaptionLoading:
                EndRollLine(time);
                _mode = Mode.PopOn;
                _textMode = false;
                break;
            case Cea608.ResumeDirectCaptioning:
                EndRollLine(time);
                _mode = Mode.PaintOn;
                _textMode = false;
                break;
            case Cea608.RollUp2 or Cea608.RollUp3 or Cea608.RollUp4:
                if (_mode != Mode.RollUp)
                {
                    CloseShown(time);
                    Clear(_displayed);
                    Clear(_hidden);
                    (_row, _column) = (Cea608.Rows, 0);
                }
                _mode = Mode.RollUp;
                _rollRows = command - Cea608.RollUp2 + 2;
                _textMode = false;
                break;
            case Cea608.TextRestart or Cea608.ResumeTextDisplay:
                _textMode = true;
                break;
            case Cea608.EndOfCaption:
                EndRollLine(time);
                CloseShown(time);
                (_displayed, _hidden) = (_hidden, _displayed);
                _mode = Mode.PopOn;
                var rows = RowsOf(_displayed);
                if (rows.Count > 0)
                    (_shownSince, _shownLine, _shownMode, _shownRows) = (time, fileLine, "pop-on", rows);
                break;
            case Cea608.EraseDisplayedMemory:
                EndRollLine(time);
                CloseShown(time);
                Clear(_displayed);
                break;
            case Cea608.EraseNonDisplayedMemory:
                Clear(_hidden);
                break;
            case Cea608.CarriageReturn when _mode == Mode.RollUp && !_textMode:
                EndRollLine(time);
                var top = Math.Max(1, _row - _rollRows + 1);
                for (var r = 0; r < Cea608.Rows; r++)
                    for (var c = 0; c < Cea608.Columns; c++)
                        _displayed[r, c] = r + 1 >= top && r + 1 < _row ? _displayed[r + 1, c] : null;
                _column = 0;
                break;
            case Cea608.Backspace when !_textMode:
                if (_column > 0)
                    Target()[_row - 1, --_column] = null;
                break;
            case Cea608.DeleteToEndOfRow when !_textMode:
                for (var c = _column; c < Cea608.Columns; c++)
                    Target()[_row - 1, c] = null;
                break;
        }
    }

    /// <summary>Writes one cell at the cursor (null: the transparent space) and moves on; the last column is overwritten at the row's end.</summary>
    private void Write(char? c, double time, int fileLine)
    {
        if (_textMode || _otherChannel)
            return;
        if (_mode == Mode.PaintOn && _shownMode != "paint-on")
        {
            CloseShown(time);
            (_shownSince, _shownLine, _shownMode, _shownRows) = (time, fileLine, "paint-on", null);
        }
        if (_mode == Mode.RollUp && _rollLineSince is null && c is not (null or ' '))
            (_rollLineSince, _rollLineFileLine) = (time, fileLine);
        Target()[_row - 1, _column] = c is { } ch ? (ch, _style) : null;
        _column = Math.Min(_column + 1, Cea608.Columns - 1);
    }

    private (char Char, CaptionStyle Style)?[,] Target() => _mode is Mode.RollUp or Mode.PaintOn ? _displayed : _hidden;

    private void CloseShown(double? time)
    {
        if (_shownSince is not { } since)
            return;
        var rows = _shownRows ?? RowsOf(_displayed);
        if (rows.Count > 0)
            _captions.Add(new Caption(since, time, _shownMode, rows, _shownLine));
        (_shownSince, _shownMode, _shownRows) = (null, "", null);
    }

    /// <summary>Roll-up: the base row as written so far becomes a caption ending at <paramref name="time"/>.</summary>
    private void EndRollLine(double? time)
    {
        if (_mode != Mode.RollUp || _rollLineSince is not { } since)
            return;
        var row = RowsOf(_displayed).Where(r => r.Row == _row).ToList();
        if (row.Count > 0)
            _captions.Add(new Caption(since, time, "roll-up", row, _rollLineFileLine));
        _rollLineSince = null;
    }

    private void MoveRollWindow(int newBase)
    {
        var shift = newBase - _row;
        var moved = new (char, CaptionStyle)?[Cea608.Rows, Cea608.Columns];
        for (var r = 0; r < Cea608.Rows; r++)
            if (r + shift is >= 0 and < Cea608.Rows)
                for (var c = 0; c < Cea608.Columns; c++)
                    moved[r + shift, c] = _displayed[r, c];
        _displayed = moved;
    }

    private static void Clear((char, CaptionStyle)?[,] memory) => Array.Clear(memory);

    /// <summary>The rows with text: row number, first column with a character, and the text from there to the last character, marked up.</summary>
    private static List<(int Row, int Column, string Text)> RowsOf((char Char, CaptionStyle Style)?[,] memory)
    {
        var rows = new List<(int, int, string)>();
        for (var r = 0; r < Cea608.Rows; r++)
        {
            int first = -1, last = -1;
            for (var c = 0; c < Cea608.Columns; c++)
            {
                if (memory[r, c] is { Char: not ' ' })
                {
                    if (first < 0)
                        first = c;
                    last = c;
                }
            }
            if (first < 0)
                continue;
            var cells = new List<(char, CaptionStyle)>();
            for (var c = first; c <= last; c++)
                cells.Add(memory[r, c] ?? (' ', CaptionStyle.Plain));
            rows.Add((r + 1, first, StyledText.Render(cells)));
        }
        return rows;
    }
}
