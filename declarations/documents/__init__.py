"""The signed PDF: rendering a declaration with WeasyPrint, embedding its record,
signing and validating with pyHanko, and the development PKI. Knows nothing of
the lifecycle: it turns a published declaration into bytes and checks bytes.
"""
