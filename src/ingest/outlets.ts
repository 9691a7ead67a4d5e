/** Outlet names for short names seen in file names and domains. Data, not code: extend freely. */
export const OUTLETS: Record<string, string> = {
  nytimes: "The New York Times",
  "nytimes.com": "The New York Times",
  cnn: "CNN",
  "cnn.com": "CNN",
  bbc: "BBC",
  "bbc.co.uk": "BBC",
  "bbc.com": "BBC",
  reuters: "Reuters",
  "reuters.com": "Reuters",
  guardian: "The Guardian",
  "theguardian.com": "The Guardian",
  washingtonpost: "The Washington Post",
  "washingtonpost.com": "The Washington Post",
  foxnews: "Fox News",
  "foxnews.com": "Fox News",
  ap: "Associated Press",
  apnews: "Associated Press",
  "apnews.com": "Associated Press",
  afp: "AFP",
  aljazeera: "Al Jazeera",
  "aljazeera.com": "Al Jazeera",
  wsj: "The Wall Street Journal",
  "wsj.com": "The Wall Street Journal",
  cww7news: "CWW7NEWS",
  dailymail: "Daily Mail",
  telegraph: "The Telegraph",
  independent: "The Independent",
  nbcnews: "NBC News",
  cbsnews: "CBS News",
  abcnews: "ABC News",
  npr: "NPR",
  politico: "Politico",
  bloomberg: "Bloomberg",
  rt: "RT",
  tass: "TASS",
  anadolu: "Anadolu Agency",
};

export function outletFor(key: string | undefined): string | undefined {
  if (!key) return undefined;
  return OUTLETS[key.toLowerCase()] ?? OUTLETS[key.toLowerCase().replace(/^www\./, "")];
}
