/* Swedish stemming for Material's search, also for inflected forms.
 *
 * Material indexes pages through lunr's Swedish stemmer ("kakor" is stored as "kak"), but
 * before a query reaches its search worker it appends "*" to every word for search-as-you-type
 * ("kakorna" becomes "kakorna*"), and lunr does not stem a word with a wildcard. Then
 * "kakorna" finds nothing, though the page says "kakor". Material 9 removed the option to
 * change that transform, so this script adds, next to each plain word, the same word with an
 * edit distance of 0 ("kakorna kakorna~0"): Material leaves that form without a wildcard, lunr
 * stems it, and it finds every form of the word, while "kakorna*" keeps prefix matching while
 * the reader types.
 *
 * The Snowball stemmer leaves some definite forms alone ("dialogforumet" stays as it is, while
 * the page says "dialogforum"), so a word ending in a definite suffix is also searched for
 * without it.
 *
 * It wraps the message Material's page script posts to its search worker ({type: 2, data:
 * query}, Material 9.8). tests/test_browser.py searches for inflected forms and fails if an
 * upgrade of Material changes this. Without JavaScript there is no search, so nothing is lost.
 */
(function () {
  "use strict";
  var SEARCH_QUERY = 2; // Material's message type for "run this query"
  var PLAIN_WORD = /^[^\s"*+\-:^~]+$/;
  var DEFINITE = /(erna|arna|orna|na|et|en)$/;

  function forms(word) {
    var result = [word + "~0"];
    var bare = word.replace(DEFINITE, "");
    if (bare !== word && bare.length >= 4) {
      result.push(bare + "~0");
    }
    return result;
  }

  function withStemmedForms(query) {
    if (typeof query !== "string" || query.indexOf('"') !== -1) {
      return query; // phrases and other lunr syntax go to Material unchanged
    }
    var words = query.trim().split(/\s+/).filter(Boolean);
    var extra = words.filter(function (word) {
      return PLAIN_WORD.test(word) && word.length > 2;
    });
    return extra.length ? words.concat.apply(words, extra.map(forms)).join(" ") : query;
  }

  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === SEARCH_QUERY) {
      arguments[0] = { type: message.type, data: withStemmedForms(message.data) };
    }
    return post.apply(this, arguments);
  };
})();
