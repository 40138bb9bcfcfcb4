namespace CourseBot.Core.ReadingList;

/// <summary>Maps offsets in a text to 1-based line:column locations.</summary>
internal sealed class LineMap
{
    private readonly int[] _lineStarts;
    private readonly string _path;

    public LineMap(string text, string path)
    {
        _path = path;
        var starts = new List<int> { 0 };
        for (var i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            starts.Add(i + 1);
        }

        _lineStarts = starts.ToArray();
    }

    public SourceLocation At(int offset)
    {
        var index = Array.BinarySearch(_lineStarts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return new SourceLocation(_path, index + 1, offset - _lineStarts[index] + 1);
    }
}
