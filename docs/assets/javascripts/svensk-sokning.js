/* Material's lunr search, told the words Swedish readers type.
 *
 * Material's page script posts each query to its search worker ({type: 2, data: query},
 * Material 9.8); this script rewrites that message and nothing else. lunr does the searching,
 * stemming and ranking; what is added here is only what lunr has no setting for:
 *
 * - Stemmed forms. The worker appends "*" to every word for search-as-you-type, and lunr does
 *   not stem a word with a wildcard, so "kakorna*" would not find "kakor". The same word with an
 *   edit distance of 0 ("kakorna~0") keeps no wildcard and goes through lunr's Swedish stemmer.
 *   The Snowball stemmer leaves some definite forms alone ("dialogforumet"), so a word ending in
 *   a definite suffix is also searched for without it.
 * - Synonyms and folded letters, from search/sokord.json (macros/search_index.py writes it from
 *   data/sokord.yml and from the index itself): "värdegrund" also searches for "värderingar",
 *   "arsrapport" for "årsrapport".
 * - Diarienummer whole. The index keeps "STK-2019-548" as one word (mkdocs.yml, separator), but
 *   lunr's query lexer splits at hyphens (its termSeparator is fixed when lunr loads, before
 *   Material sets its own). The worker lexes a query twice, and each lexing drops one level of
 *   backslash escaping, so a hyphen escaped twice ("\\\-") reaches the index as "-".
 *
 * tests/test_search.py types reader queries into the search box and fails if an upgrade of
 * Material changes this. Without JavaScript there is no search, so nothing is lost.
 */
(function () {
  "use strict";
  var SEARCH_QUERY = 2; // Material's message type for "run this query"
  var PLAIN_WORD = /^[^\s"*+\-:^~\\]+$/;
  var CASE_NUMBER = /^[a-zåäö]+(-[0-9]+)+$/i; // STK-2019-548
  var DEFINITE = /(erna|arna|orna|na|et|en)$/;
  var words = { synonymer: {}, utan_prickar: {} };

  var script = document.currentScript;
  if (script && window.fetch) {
    fetch(new URL("../../search/sokord.json", script.src).href)
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (loaded) {
        if (loaded) {
          words = loaded;
        }
      })
      .catch(function () {
        // Without the list the search still runs, on the words as typed.
      });
  }

  function folded(word) {
    return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function stemmed(word) {
    var result = [word + "~0"];
    var bare = word.replace(DEFINITE, "");
    if (bare !== word && bare.length >= 4) {
      result.push(bare + "~0");
    }
    return result;
  }

  function related(word) {
    var lower = word.toLowerCase();
    var result = [];
    [lower, folded(lower)].forEach(function (key) {
      (words.synonymer[key] || []).forEach(function (phrase) {
        result = result.concat(phrase.split(/\s+/));
      });
    });
    return result.concat(unfolded(lower));
  }

  // The indexed words that "arsrapport" or "europaradet" stands for: the word itself with å, ä
  // and ö, or failing that the longer words it begins ("europarådets"), as lunr's own wildcard
  // does for a word typed with its letters. Only words of five letters or more, at most five.
  function unfolded(word) {
    if (words.utan_prickar[word]) {
      return words.utan_prickar[word];
    }
    if (word.length < 5 || folded(word) !== word) {
      return [];
    }
    var result = [];
    Object.keys(words.utan_prickar).forEach(function (key) {
      if (result.length < 5 && key.indexOf(word) === 0) {
        result = result.concat(words.utan_prickar[key]);
      }
    });
    return result.slice(0, 5);
  }

  function withReaderWords(query) {
    if (typeof query !== "string" || query.indexOf('"') !== -1) {
      return query; // phrases and other lunr syntax go to Material unchanged
    }
    var typed = query.trim().split(/\s+/).filter(Boolean);
    var result = [];
    var extra = [];
    // A phrase of the synonym list ("ideell sektor") counts as one word too.
    for (var i = 0; i + 1 < typed.length; i++) {
      extra = extra.concat(related(typed[i] + " " + typed[i + 1]));
    }
    typed.forEach(function (word) {
      if (CASE_NUMBER.test(word)) {
        result.push(word.replace(/-/g, "\\\\\\-"));
        return;
      }
      result.push(word);
      if (PLAIN_WORD.test(word) && word.length > 2) {
        extra = extra.concat(stemmed(word), related(word));
      }
    });
    extra.forEach(function (word) {
      var form = PLAIN_WORD.test(word) ? word + "~0" : null;
      if (form && result.indexOf(form) === -1 && word.indexOf("~") === -1) {
        result.push(form);
      } else if (word.indexOf("~") !== -1 && result.indexOf(word) === -1) {
        result.push(word);
      }
    });
    return result.join(" ");
  }

  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === SEARCH_QUERY) {
      arguments[0] = { type: message.type, data: withReaderWords(message.data) };
    }
    return post.apply(this, arguments);
  };
})();
