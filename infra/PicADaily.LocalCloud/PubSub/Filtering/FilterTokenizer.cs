using System.Text;

namespace PicADaily.LocalCloud.PubSub.Filtering;

internal enum TokenKind { Word, String, LeftParen, RightParen, Comma, Colon, Dot, Equals, NotEquals, Minus, End }

internal readonly record struct Token(TokenKind Kind, string Text, int Position);

/// <summary>Splits a filter into words (<c>[A-Za-z0-9_-]</c>), quoted strings and punctuation.</summary>
internal static class FilterTokenizer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            switch (c)
            {
                case '(': tokens.Add(new(TokenKind.LeftParen, "(", start)); i++; continue;
                case ')': tokens.Add(new(TokenKind.RightParen, ")", start)); i++; continue;
                case ',': tokens.Add(new(TokenKind.Comma, ",", start)); i++; continue;
                case ':': tokens.Add(new(TokenKind.Colon, ":", start)); i++; continue;
                case '.': tokens.Add(new(TokenKind.Dot, ".", start)); i++; continue;
                case '=': tokens.Add(new(TokenKind.Equals, "=", start)); i++; continue;
                case '-': tokens.Add(new(TokenKind.Minus, "-", start)); i++; continue;
                case '!' when i + 1 < text.Length && text[i + 1] == '=':
                    tokens.Add(new(TokenKind.NotEquals, "!=", start));
                    i += 2;
                    continue;
                case '"':
                    tokens.Add(new(TokenKind.String, ReadString(text, ref i), start));
                    continue;
            }

            if (!IsWordChar(c))
            {
                throw new FilterSyntaxException($"unexpected character '{c}' at position {start}");
            }

            while (i < text.Length && IsWordChar(text[i]))
            {
                i++;
            }

            tokens.Add(new(TokenKind.Word, text[start..i], start));
        }

        tokens.Add(new(TokenKind.End, "", text.Length));
        return tokens;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private static string ReadString(string text, ref int i)
    {
        var start = i;
        var value = new StringBuilder();
        i++;
        while (i < text.Length)
        {
            var c = text[i++];
            if (c == '"')
            {
                return value.ToString();
            }

            if (c == '\\' && i < text.Length)
            {
                c = text[i++];
            }

            value.Append(c);
        }

        throw new FilterSyntaxException($"unterminated string starting at position {start}");
    }
}
