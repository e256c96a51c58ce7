package io.raftkv.http;

/**
 * A request target split into its raw path and raw query, both still percent-encoded.
 *
 * @param rawPath  the path, starting with {@code /}
 * @param rawQuery what follows the first {@code ?}, empty when there is none
 */
record RequestTarget(String rawPath, String rawQuery) {

    /**
     * Splits an origin-form target ({@code /path?query}); an absolute-form one ({@code http://host/path}), which
     * RFC 9112 says servers must accept, is reduced to its path and query first. Anything else is a bad request.
     */
    static RequestTarget parse(String uri) {
        String originForm = stripSchemeAndAuthority(uri);
        if (!originForm.startsWith("/")) {
            throw new InvalidInputException(ApiError.badRequest("the request target must start with '/'"));
        }
        int fragment = originForm.indexOf('#');
        String withoutFragment = fragment < 0 ? originForm : originForm.substring(0, fragment);
        int question = withoutFragment.indexOf('?');
        return question < 0
                ? new RequestTarget(withoutFragment, "")
                : new RequestTarget(withoutFragment.substring(0, question), withoutFragment.substring(question + 1));
    }

    private static String stripSchemeAndAuthority(String uri) {
        for (String scheme : new String[] {"http://", "https://"}) {
            if (uri.regionMatches(true, 0, scheme, 0, scheme.length())) {
                int pathStart = uri.indexOf('/', scheme.length());
                return pathStart < 0 ? "/" : uri.substring(pathStart);
            }
        }
        return uri;
    }
}
