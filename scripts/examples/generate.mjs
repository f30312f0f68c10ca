#!/usr/bin/env node
// Generates the example datasets in examples/ (deterministic: same output every run).
//   node scripts/examples/generate.mjs
// Conversations are written out by hand below; this script only assembles them into the
// OpenAI chat fine-tuning format (string `arguments`, call ids, tool replies) and computes
// the `calculate` results so the numbers are always right.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { callId, hexToken, evaluate } from './lib.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'examples');

// ---------------------------------------------------------------------------------------
// Tools
// ---------------------------------------------------------------------------------------
export const TOOLS = [
  {
    type: 'function',
    function: {
      name: 'search',
      description:
        'Search the web and return the top results (title, URL and snippet). Use for facts that may have changed: prices, opening hours, rates, rules, news, businesses.',
      parameters: {
        type: 'object',
        properties: {
          query: {
            type: 'string',
            description: 'Plain keywords, at most 200 characters. Search operators such as site: or filetype: are not supported.',
          },
          max_results: {
            type: 'integer',
            minimum: 1,
            maximum: 20,
            description: 'How many results to return (default 5).',
          },
          recency: {
            type: 'string',
            enum: ['day', 'week', 'month', 'any'],
            description: 'Only return pages published within this period (default "any").',
          },
        },
        required: ['query'],
        additionalProperties: false,
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'calculate',
      description:
        'Evaluate an arithmetic expression exactly. Supports numbers with a decimal point, + - * /, ^ for powers and parentheses. No units, currency symbols, thousands separators, % signs or words.',
      parameters: {
        type: 'object',
        properties: {
          expression: {
            type: 'string',
            description: 'The expression to evaluate, e.g. "(1200 * 0.15) + 40".',
          },
          precision: {
            type: 'integer',
            minimum: 0,
            maximum: 10,
            description: 'Decimal places to round the result to (default 2).',
          },
        },
        required: ['expression'],
        additionalProperties: false,
      },
    },
  },
  {
    type: 'function',
    function: {
      name: 'send_email',
      description:
        "Send an email from the user's account. Only use when the user has asked for the email to be sent and has given the recipient's address.",
      parameters: {
        type: 'object',
        properties: {
          to: { type: 'string', format: 'email', description: "Recipient's email address." },
          subject: { type: 'string', description: 'Subject line.' },
          body: { type: 'string', description: 'Plain-text body of the email.' },
          cc: {
            type: 'array',
            items: { type: 'string', format: 'email' },
            description: 'Addresses to copy on the email.',
          },
        },
        required: ['to', 'subject', 'body'],
        additionalProperties: false,
      },
    },
  },
];

const SYSTEM =
  "You are Juniper, an assistant for small-business owners and busy professionals. You can search the web, evaluate arithmetic and send email from the user's account. Use a tool only when the task needs it, and use calculate for arithmetic rather than working it out yourself. Send an email only when the user asks you to and gives the recipient's address. Keep replies short and concrete.";

// ---------------------------------------------------------------------------------------
// Small DSL
// ---------------------------------------------------------------------------------------
const U = (content) => ({ t: 'user', content });
const A = (content) => ({ t: 'final', content });
/** One assistant turn with one or more (parallel) calls, each answered by a tool message. */
const turn = (...calls) => ({ t: 'calls', calls });
/** A mistaken assistant turn: weight 0 so the model does not learn it. */
const wrong = (...calls) => ({ t: 'calls', calls, weight: 0 });
/** The expected call(s) at the end of an eval case: no tool reply. */
const expect = (...calls) => ({ t: 'calls', calls, end: true });

const SENT = Symbol('sent');
const search = (args, results) => ({ name: 'search', args, result: Array.isArray(results) ? { results } : results });
const calc = (expression, precision) => ({
  name: 'calculate',
  args: precision === undefined ? { expression } : { expression, precision },
  result: { result: evaluate(expression, precision ?? 2) },
});
const calcErr = (expression, error) => ({ name: 'calculate', args: { expression }, result: { error } });
const email = (args, result = SENT) => ({ name: 'send_email', args, result });
const r = (title, url, snippet, extra = {}) => ({ title, url, snippet, ...extra });

const IRS_2024 = [
  r(
    'IRS issues standard mileage rates for 2024',
    'https://www.irs.gov/newsroom/irs-issues-standard-mileage-rates-for-2024',
    'Beginning on January 1, 2024, the standard mileage rates for the use of a car, van, pickup or panel truck will be: 67 cents per mile driven for business use, up 1.5 cents from 2023; 21 cents per mile for medical or moving purposes; 14 cents per mile for charitable organizations.',
  ),
  r(
    'IRS mileage rate 2024: what you can deduct',
    'https://www.nerdwallet.com/article/taxes/irs-mileage-rate',
    'The 2024 business rate is 67 cents per mile. Keep a log with the date, destination, purpose and miles for each trip.',
  ),
];

// ---------------------------------------------------------------------------------------
// Training conversations
// ---------------------------------------------------------------------------------------
const TRAIN = {
  // ---- single successful call: search ----
  S1: [
    U("What's the IRS standard mileage rate for business driving in 2024?"),
    turn(search({ query: 'IRS standard mileage rate 2024 business' }, IRS_2024)),
    A('For 2024 the IRS business rate is 67 cents per mile, up 1.5 cents from 2023. If you need the others: medical and moving miles are 21 cents, and miles driven for a charity are 14 cents.'),
  ],
  S2: [
    U("can you find a few recent articles on how small restaurants are coping with egg prices? want something to share with my kitchen manager"),
    turn(
      search({ query: 'small restaurants coping with high egg prices', max_results: 3, recency: 'month' }, [
        r('Diners rethink brunch menus as egg costs climb', 'https://www.mainstreetfoodjournal.com/2025/02/diners-rethink-brunch', 'Independent diners are adding egg surcharges of 50 cents to $1, shrinking omelet portions and pushing tofu scrambles as wholesale prices stay high.', { published: '2025-02-18' }),
        r('Five ways small kitchens are stretching their egg supply', 'https://www.kitchenledger.com/blog/stretching-egg-supply', 'Buying liquid eggs for baking, locking in contracts with local farms and trimming egg-heavy specials were the most common tactics among the 40 owners we surveyed.', { published: '2025-02-11' }),
        r('Should you add an egg surcharge? What owners say', 'https://www.smallbizeats.com/egg-surcharge-owners', 'Owners we spoke with said a clearly labeled surcharge drew fewer complaints than raising prices across the whole menu.', { published: '2025-02-03' }),
      ]),
    ),
    A('Here are three from the past month:\n\n1. "Diners rethink brunch menus as egg costs climb" (Main Street Food Journal): egg surcharges of 50 cents to $1, smaller omelets, more tofu scrambles.\n2. "Five ways small kitchens are stretching their egg supply" (Kitchen Ledger): liquid eggs for baking, contracts with local farms, fewer egg-heavy specials.\n3. "Should you add an egg surcharge? What owners say" (SmallBiz Eats): a clearly labeled surcharge drew fewer complaints than raising prices across the menu.\n\nThe Kitchen Ledger piece is probably the most practical one for your kitchen manager: https://www.kitchenledger.com/blog/stretching-egg-supply'),
  ],
  S3: [
    U("Is the Riverside Makers Fair taking vendor applications yet? I'd like to get a booth for my candle business."),
    turn(
      search({ query: 'Riverside Makers Fair vendor applications', recency: 'week' }, [
        r('Vendor applications now open | Riverside Makers Fair', 'https://riversidemakersfair.org/vendors', 'Applications for the fall fair are open until March 14. Booth fee: $85 for a 10x10 space, $140 for a corner booth. Candle and soap makers must provide proof of liability insurance.'),
      ]),
    ),
    A("Yes, applications are open until March 14. A 10x10 booth is $85 and a corner booth is $140. Candle makers have to show proof of liability insurance, so have that certificate ready before you apply at riversidemakersfair.org/vendors."),
  ],
  S4: [
    U('What time does the Hollis Street post office close on Saturdays?'),
    turn(
      search({ query: 'Hollis Street post office Saturday hours' }, [
        r('Post Office, 214 Hollis St: Hours and Services', 'https://tools.usps.com/locations/details/1380442', 'Retail hours: Mon-Fri 8:30am-5:00pm, Sat 9:00am-12:30pm, Sun closed. Last collection: Mon-Fri 5:00pm, Sat 12:00pm.'),
      ]),
    ),
    A("It closes at 12:30pm on Saturdays (it opens at 9:00). The last mail collection on Saturday is at noon, so drop off anything urgent before then."),
  ],
  S5: [
    U("What's a typical hourly rate for a freelance bookkeeper these days? Trying to figure out if the quote I got ($65/hr) is reasonable."),
    turn(
      search({ query: 'freelance bookkeeper hourly rate', max_results: 5, recency: 'month' }, [
        r('How much does a bookkeeper cost?', 'https://www.bookkeepingguide.net/bookkeeper-cost', 'Freelance bookkeepers typically charge $35 to $75 per hour. Those with QuickBooks ProAdvisor or CPA credentials sit at the upper end of the range.'),
        r('2025 bookkeeping rates survey', 'https://www.ledgerlabs.io/blog/bookkeeping-rates-survey', 'Median freelance rate in our survey: $52/hour. Catch-up and cleanup work is often billed higher, at $70 to $90 per hour.'),
        r('Hourly vs. monthly bookkeeping packages', 'https://www.smallfirmfinance.com/hourly-vs-monthly-bookkeeping', 'Many freelancers now offer flat monthly packages from $300 to $800 for businesses with fewer than 100 transactions a month.'),
      ]),
    ),
    A("$65/hr is within the normal range, toward the upper end. Recent sources put freelance bookkeepers at about $35-$75 an hour with a median around $52; people with QuickBooks ProAdvisor or CPA credentials charge more, and cleanup work often runs $70-$90. If your books are fairly simple, ask whether they offer a flat monthly package. Many charge $300-$800 a month for under 100 transactions."),
  ],
  S6: [
    U('any updates on the Route 9 bridge closure today? our delivery van goes over it every morning'),
    turn(
      search({ query: 'Route 9 bridge closure', recency: 'day' }, [
        r('Route 9 bridge: overnight closures continue through Friday', 'https://www.valleytimesherald.com/news/local/route-9-bridge-closures', 'The bridge will be closed nightly from 9pm to 5am through Friday for deck repairs. Daytime traffic runs on one lane in each direction; expect delays of 10 to 15 minutes.', { published: 'today' }),
      ]),
    ),
    A("Good news for the morning run: the bridge is only closed overnight, 9pm to 5am, through Friday. During the day it's down to one lane each way and they're warning of 10-15 minute delays, so the van may want to leave a little earlier."),
  ],
  S7: [
    U("I want to return an office chair I bought from Brightline Office Supply. What's their return policy?"),
    turn(
      search({ query: 'Brightline Office Supply return policy furniture' }, [
        r('Returns & Exchanges | Brightline Office Supply', 'https://www.brightlineoffice.com/help/returns', 'Most items can be returned within 30 days with a receipt. Furniture is accepted within 30 days in the original packaging and is subject to a 15% restocking fee unless the item arrived damaged.'),
      ]),
    ),
    A("Brightline takes furniture back within 30 days if it's in the original packaging. They charge a 15% restocking fee unless the chair arrived damaged. Bring your receipt."),
  ],
  S8: [
    U("I'm looking for a receipt printer under $200 for the shop counter. Which ones get good reviews?"),
    turn(
      search({ query: 'best receipt printer under $200 small business reviews', max_results: 5 }, [
        r('The best receipt printers for small businesses', 'https://www.posreviewhub.com/best-receipt-printers', 'Top budget pick: Star Micronics TSP143IIIU (around $180), fast and reliable over USB. Runner-up: Epson TM-T20III (around $190), very durable.'),
        r('Thermal receipt printer buying guide', 'https://www.retailtechnotes.com/receipt-printer-guide', 'Check compatibility with your POS (Square, Shopify, Clover) before buying. Bluetooth models usually cost $20 to $40 more than USB ones.'),
      ]),
    ),
    A("Two names come up most: the Star Micronics TSP143IIIU (around $180) as the top budget pick, and the Epson TM-T20III (around $190) as a very durable runner-up. Before you buy, check that it works with your POS (Square, Shopify, Clover and so on), and expect Bluetooth versions to cost $20-$40 more."),
  ],
  S9: [
    U("What is Colorado's minimum wage for 2025? I have two part-timers at the Fort Collins shop."),
    turn(
      search({ query: 'Colorado minimum wage 2025' }, [
        r('Colorado minimum wage 2025 | CDLE', 'https://cdle.colorado.gov/wage-and-hour-law/minimum-wage', 'The 2025 Colorado minimum wage is $14.81 per hour, and $11.79 per hour for tipped employees. Some local governments, such as Denver, set a higher local minimum wage.'),
      ]),
    ),
    A("The statewide minimum for 2025 is $14.81 an hour ($11.79 for tipped staff). Some cities set a higher local minimum (Denver does), so check whether Fort Collins has one before you set their pay."),
  ],

  // ---- single successful call: calculate ----
  C1: [
    U("If we sell 340 loaves this week at $6.50 each, what's the revenue?"),
    turn(calc('340 * 6.50')),
    A('340 loaves at $6.50 comes to $2,210.00.'),
  ],
  C2: [
    U('Customer order is $1,480 before tax. Sales tax here is 8.25%. How much tax do I add?'),
    turn(calc('1480 * 0.0825')),
    A('Add $122.10 in sales tax.'),
  ],
  C3: [
    U('We have to split the $2,845.60 catering bill evenly across 7 departments. How much does each one pay?'),
    turn(calc('2845.60 / 7', 2)),
    A("Each department's share is $406.51 (rounded to the cent)."),
  ],
  C4: [
    U('I drove 1,284 miles for work this year. At 67 cents a mile, what can I claim?'),
    turn(calc('1284 * 0.67')),
    A('At 67 cents a mile, 1,284 miles comes to $860.28.'),
  ],
  C5: [
    U('My cost on the ceramic mugs is $14 each. What do I need to charge to get a 60% gross margin?'),
    turn(calc('14 / (1 - 0.60)')),
    A('Price them at $35.00. At that price the $14 cost is 40% of the sale, which leaves you a 60% gross margin.'),
  ],
  C6: [
    U("If I put $5,000 in a savings account at 4.5% interest compounded yearly, how much will I have after 3 years?"),
    turn(calc('5000 * (1 + 0.045)^3', 2)),
    A("About $5,705.83 after 3 years, assuming the rate stays at 4.5% and you don't add or withdraw anything."),
  ],
  C7: [
    U('how many hours is 37 shifts of 7.5 hours'),
    turn(calc('37 * 7.5', 1)),
    A('37 shifts of 7.5 hours is 277.5 hours.'),
  ],
  C8: [
    U("Weekly sales for the last five weeks were 1240, 980, 1515, 1102 and 1330. What's the average?"),
    turn(calc('(1240 + 980 + 1515 + 1102 + 1330) / 5')),
    A('Your average over those five weeks is $1,233.40 a week.'),
  ],
  C9: [
    U("The supplier's recipe says bake at 356°F but our oven is in Celsius. What's that?"),
    turn(calc('(356 - 32) * 5 / 9', 0)),
    A('356°F is 180°C.'),
  ],

  // ---- single successful call: send_email ----
  E1: [
    U('Send an email to dana.whitfield@gmail.com letting her know her cake order is ready and she can pick it up tomorrow any time after 10am.'),
    turn(email({ to: 'dana.whitfield@gmail.com', subject: 'Your cake order is ready', body: 'Hi Dana,\n\nYour cake order is ready! You can pick it up tomorrow any time after 10am.\n\nSee you then!' })),
    A("Done. I've emailed Dana that her cake is ready for pickup tomorrow after 10am."),
  ],
  E2: [
    U('Please email my landlord at r.okafor@okaforproperties.com that the March rent transfer went out this morning, reference INV-2291. CC my partner, sam.lee@fastmail.com.'),
    turn(
      email({
        to: 'r.okafor@okaforproperties.com',
        subject: 'March rent transfer sent (ref. INV-2291)',
        body: "Hello,\n\nThis is to let you know that the March rent transfer went out this morning, reference INV-2291. Please let me know if it hasn't arrived in the next few days.\n\nKind regards",
        cc: ['sam.lee@fastmail.com'],
      }),
    ),
    A("Sent to your landlord with Sam on CC. It gives the reference INV-2291 and asks them to tell you if the payment hasn't arrived in a few days."),
  ],
  E3: [
    U("Let the team know Friday's planning meeting is moving to 2pm, same room. Send it to team@brightsidestudio.co"),
    turn(email({ to: 'team@brightsidestudio.co', subject: "Friday's planning meeting moved to 2pm", body: "Hi all,\n\nQuick update: Friday's planning meeting is moving to 2pm. Same room as usual.\n\nThanks!" })),
    A('Done. The team knows the Friday planning meeting is now at 2pm, same room.'),
  ],
  E4: [
    U("Reply to Jorge (jorge.m@tallerverde.mx) and thank him for the quote on the patio furniture. Tell him we'll make a decision by Monday."),
    turn(email({ to: 'jorge.m@tallerverde.mx', subject: 'Re: Patio furniture quote', body: "Hi Jorge,\n\nThank you for sending over the quote for the patio furniture. We're reviewing it now and will let you know our decision by Monday.\n\nBest regards" })),
    A("Sent. Jorge knows you appreciated the quote and that he'll hear back by Monday."),
  ],
  E5: [
    U('Send a polite reminder to accounts@northgatesupply.com that invoice #4471 for $1,260 is now 15 days overdue.'),
    turn(
      email({
        to: 'accounts@northgatesupply.com',
        subject: 'Reminder: invoice #4471 is overdue',
        body: "Hello,\n\nI hope all is well. This is a friendly reminder that invoice #4471 for $1,260.00 is now 15 days past its due date. If payment is already on its way, please disregard this message; otherwise, could you let us know when we can expect it?\n\nThank you.",
      }),
    ),
    A("Reminder sent to Northgate's accounts team about invoice #4471 ($1,260, 15 days overdue). I kept it friendly and asked them to confirm when payment will go out."),
  ],
  E6: [
    U("confirm priya's appointment for thursday at 3:30 and ask her to bring her photo ID. her email is priya.n@outlook.com"),
    turn(email({ to: 'priya.n@outlook.com', subject: 'Appointment confirmation: Thursday at 3:30pm', body: 'Hi Priya,\n\nThis is to confirm your appointment on Thursday at 3:30pm. Please remember to bring a photo ID with you.\n\nSee you Thursday!' })),
    A("Priya's confirmation is sent: Thursday at 3:30pm, with a reminder to bring her photo ID."),
  ],
  E7: [
    U("Send my brother the wifi password for the cabin so he has it this weekend: pinecone-742. He's tom.becker@gmail.com"),
    turn(email({ to: 'tom.becker@gmail.com', subject: 'Cabin wifi password', body: "Hey Tom,\n\nHere's the wifi password for the cabin so you have it this weekend: pinecone-742\n\nHave a great time!" })),
    A('Sent. Tom has the cabin wifi password for the weekend.'),
  ],

  // ---- error recovery (wrong first call has weight 0) ----
  R1: [
    U("A client is booking a bathroom tile job, $2,400 total. I take a 15% deposit up front. How much should I ask for?"),
    wrong(calcErr('15% * 2400', "Unsupported character '%' at position 2. Write percentages as decimals, e.g. 0.15 * 2400.")),
    turn(calc('0.15 * 2400')),
    A('Ask for a $360.00 deposit.'),
  ],
  R2: [
    U("We want 3 of the commercial espresso machines at $2,450 each. What's the total?"),
    wrong(calcErr('3 * 2,450', "Unexpected ',' at position 5. Do not use thousands separators.")),
    turn(calc('3 * 2450')),
    A('Three machines at $2,450 each come to $7,350.00.'),
  ],
  R3: [
    U("Each starter kit costs $120 and shipping is $85 per order. We're placing 4 separate orders, one kit each. What's the total?"),
    wrong(calcErr('(120 + 85 * 4', "Unbalanced parentheses: missing ')'.")),
    turn(calc('(120 + 85) * 4')),
    A('The four orders come to $820.00 including shipping.'),
  ],
  R4: [
    U("Our liability insurance is $1,200 for the year. If I spread it over 12 months, what's the monthly cost?"),
    wrong(calcErr('$1200 / 12', "Unsupported character '$' at position 0.")),
    turn(calc('1200 / 12')),
    A('That works out to $100.00 a month.'),
  ],
  R5: [
    U('We got 12 boxes of nitrile gloves with 45 pairs in each. How many pairs is that?'),
    wrong(calcErr('12 x 45', "Unknown token 'x' at position 3. Use * for multiplication.")),
    turn(calc('12 * 45', 0)),
    A("That's 540 pairs of gloves."),
  ],
  R6: [
    U('Email mike.harlan@gmail.com that the van is booked for the move on the 22nd, 8am start.'),
    wrong(email({ to: 'mike.harlan@gmial.com', subject: 'Van booked for the 22nd', body: "Hi Mike,\n\nThe van is booked for the move on the 22nd. We'll start at 8am.\n\nThanks!" }, { error: "Delivery failed: domain 'gmial.com' does not accept mail." })),
    turn(email({ to: 'mike.harlan@gmail.com', subject: 'Van booked for the 22nd', body: "Hi Mike,\n\nThe van is booked for the move on the 22nd. We'll start at 8am.\n\nThanks!" })),
    A('Sent. Mike knows the van is booked for the 22nd with an 8am start. My first try had a typo in his address, so it went out on the second attempt.'),
  ],
  R7: [
    U("Send a quick note to accounting@harperlegal.com: we've signed and returned the engagement letter today, and thank them for their help."),
    wrong(email({ to: 'accounts@harperlegal.com', subject: 'Signed engagement letter returned', body: 'Hello,\n\nJust confirming that we signed and returned the engagement letter today. Thank you for your help getting everything set up.\n\nBest regards' }, { error: "Recipient address rejected: mailbox 'accounts@harperlegal.com' does not exist." })),
    turn(email({ to: 'accounting@harperlegal.com', subject: 'Signed engagement letter returned', body: 'Hello,\n\nJust confirming that we signed and returned the engagement letter today. Thank you for your help getting everything set up.\n\nBest regards' })),
    A("Done. The note went to accounting@harperlegal.com, confirming the engagement letter was signed and returned today, with a thank-you."),
  ],
  R8: [
    U('Find the announcement where Millbrook raised the food truck permit fee. I think it was sometime last year.'),
    wrong(search({ query: 'Millbrook food truck permit fee increase', recency: 'day' }, { error: "No results for this query in the selected time range ('day')." })),
    turn(
      search({ query: 'Millbrook food truck permit fee increase', recency: 'any' }, [
        r('City Council approves updated mobile vendor fees | City of Millbrook', 'https://www.cityofmillbrook.gov/news/mobile-vendor-fees', 'The annual mobile food vendor permit will rise from $350 to $475, effective July 1. The fire inspection fee stays at $90.'),
      ]),
    ),
    A('Found it: the City Council approved updated mobile vendor fees. The annual food truck permit went from $350 to $475, effective July 1, and the $90 fire inspection fee stayed the same. The announcement is at cityofmillbrook.gov/news/mobile-vendor-fees.'),
  ],
  R9: [
    U("Can you find the PDF of the state's sales tax guide for people selling food at farmers markets? We're in Ohio."),
    wrong(search({ query: 'Ohio sales tax guide farmers market vendors filetype:pdf' }, { error: "Unsupported search operator 'filetype:'. Use plain keywords." })),
    turn(
      search({ query: 'Ohio sales tax guide farmers market food vendors pdf' }, [
        r("Farmers' Market Vendors: Sales Tax Guide (PDF)", 'https://tax.ohio.gov/static/sales_and_use/farmers_market_vendors.pdf', "Ohio Department of Taxation. Explains when a vendor's license is required, which food sales are exempt when sold for consumption off the premises, and how to report sales made at temporary locations."),
      ]),
    ),
    A("Here's the Ohio Department of Taxation guide for farmers' market vendors (PDF): https://tax.ohio.gov/static/sales_and_use/farmers_market_vendors.pdf. It covers when you need a vendor's license, which food sales are exempt, and how to report sales made at temporary locations like markets."),
  ],
  R10: [
    U("My shop rent is $2,100 a month and the lease says it goes up 3% every year. What will it be in 5 years?"),
    wrong(calcErr('2100 * 1.03**5', "Unsupported operator '**' at position 11. Use ^ for powers.")),
    turn(calc('2100 * 1.03^5', 2)),
    A('After five 3% increases, the rent would be about $2,434.48 a month.'),
  ],
  R11: [
    U('Email our flour order to orders@milltownflour.com: 10 bags of bread flour and 4 bags of whole wheat, delivery Thursday morning please.'),
    wrong(email({ to: 'orders@milltownfluor.com', subject: 'Flour order for Thursday delivery', body: "Hello,\n\nWe'd like to place the following order:\n- 10 bags of bread flour\n- 4 bags of whole wheat flour\n\nCould you please deliver it Thursday morning?\n\nThank you!" }, { error: "Delivery failed: domain 'milltownfluor.com' not found." })),
    turn(email({ to: 'orders@milltownflour.com', subject: 'Flour order for Thursday delivery', body: "Hello,\n\nWe'd like to place the following order:\n- 10 bags of bread flour\n- 4 bags of whole wheat flour\n\nCould you please deliver it Thursday morning?\n\nThank you!" })),
    A('Order sent to Milltown: 10 bags of bread flour and 4 of whole wheat, for delivery Thursday morning.'),
  ],
  R12: [
    U("Take 10% off a $2,500 quote for a returning customer. What's the new price?"),
    wrong(calcErr('2500 - 10%', "Unsupported character '%' at position 9. Write percentages as decimals, e.g. 2500 * 0.9.")),
    turn(calc('2500 * 0.9')),
    A('With 10% off, the quote comes to $2,250.00.'),
  ],
  R13: [
    U("I need a commercial cleaning company for our two offices downtown (about 3,000 sq ft total). Ideally eco-friendly products, evenings only since we're open 8 to 6, and they have to be insured and bonded because we keep client files on site. Can you look some up?"),
    wrong(
      search(
        { query: 'need a commercial cleaning company for our two offices downtown about 3,000 sq ft total, ideally eco-friendly products, evenings only since we are open 8 to 6, and they have to be insured and bonded because we keep client files on site' },
        (args) => {
          if (args.query.length <= 200) throw new Error('R13: the too-long query must exceed 200 characters');
          return { error: `Query too long (${args.query.length} characters). Maximum is 200.` };
        },
      ),
    ),
    turn(
      search({ query: 'eco-friendly commercial office cleaning evening service insured bonded downtown', max_results: 5 }, [
        r('GreenSweep Commercial Cleaning | Offices & Clinics', 'https://www.greensweepclean.com', 'Green Seal certified products. Evening and weekend cleaning for offices up to 20,000 sq ft. Fully insured and bonded. Free walkthrough quotes.'),
        r('Clearwater Janitorial: After-Hours Office Cleaning', 'https://www.clearwaterjanitorial.com/offices', 'After-hours office cleaning from 6pm. Bonded staff with background checks. Eco-friendly product option available on request.'),
        r('Top-rated office cleaners downtown (2025)', 'https://www.localpros.com/office-cleaning/downtown', 'GreenSweep (4.9, 88 reviews), Clearwater Janitorial (4.6, 141 reviews), BrightSpace Cleaning (4.4, 63 reviews).'),
      ]),
    ),
    A("Two good fits:\n\n1. GreenSweep Commercial Cleaning: Green Seal certified products, evening cleaning, fully insured and bonded, free walkthrough quotes. Rated 4.9 (88 reviews). greensweepclean.com\n2. Clearwater Janitorial: after-hours cleaning from 6pm, bonded staff with background checks, eco-friendly products on request. Rated 4.6 (141 reviews). clearwaterjanitorial.com\n\nGreenSweep matches all of your requirements out of the box; I'd start there and ask for a walkthrough of both offices."),
  ],
  R14: [
    U('Each coaching session is 2 hours 30 minutes and I did 4 of them for the client this month. How many hours do I bill?'),
    wrong(calcErr('2:30 * 4', "Unknown token ':' at position 1.")),
    turn(calc('2.5 * 4', 1)),
    A('Bill 10 hours for the four sessions.'),
  ],
  R15: [
    U('How much would 8 packs of the 16 oz kraft soup containers from Packwell cost? I think they come in 50s.'),
    turn(
      search({ query: 'Packwell 16 oz kraft soup containers 50 pack price' }, [
        r('16 oz Kraft Paper Soup Containers with Lids, 50 Pack | Packwell', 'https://www.packwellsupply.com/products/16oz-kraft-soup-50', '$42.75 per pack of 50. Vented lids included. Microwave safe. Ships in 2-3 business days.'),
      ]),
    ),
    wrong(calcErr('8 x 42.75', "Unknown token 'x' at position 2. Use * for multiplication.")),
    turn(calc('8 * 42.75')),
    A('Packwell sells them at $42.75 per 50-pack with lids included, so 8 packs come to $342.00 before shipping.'),
  ],

  // ---- multi-step chains ----
  M1: [
    U('Check what Ridgeway Paper charges for a case of copy paper, work out 6 cases, and email the total to purchasing@hollisdental.com.'),
    turn(
      search({ query: 'Ridgeway Paper copy paper case price' }, [
        r('Multipurpose Copy Paper, 8.5 x 11, 20 lb, 10 Reams/Case | Ridgeway Paper', 'https://www.ridgewaypaper.com/copy-paper-case', '$52.99 per case (5,000 sheets). Free delivery on orders over $250.'),
      ]),
    ),
    turn(calc('6 * 52.99')),
    turn(
      email({
        to: 'purchasing@hollisdental.com',
        subject: 'Copy paper: 6 cases from Ridgeway Paper',
        body: "Hello,\n\nRidgeway Paper's multipurpose copy paper (8.5 x 11, 20 lb, 10 reams per case) is currently $52.99 per case. For 6 cases the total is $317.94, and the order qualifies for their free delivery on orders over $250.\n\nBest regards",
      }),
    ),
    A("Ridgeway charges $52.99 a case, so 6 cases come to $317.94, with free delivery since it's over $250. I've emailed the total to purchasing@hollisdental.com."),
  ],
  M2: [
    U('Look up the IRS mileage rate for 2024, work out what I owe Keisha for 412 miles, and email her the amount at keisha.brown@harborlinecleaning.com.'),
    turn(search({ query: 'IRS standard mileage rate 2024' }, IRS_2024)),
    turn(calc('412 * 0.67')),
    turn(
      email({
        to: 'keisha.brown@harborlinecleaning.com',
        subject: 'Your mileage reimbursement',
        body: "Hi Keisha,\n\nThanks for logging your miles. For the 412 business miles you drove, your reimbursement at the 2024 IRS rate of 67 cents per mile comes to $276.04.\n\nLet me know if that doesn't match your records.\n\nThanks!",
      }),
    ),
    A("The 2024 IRS rate is 67 cents a mile, so 412 miles comes to $276.04. I've emailed Keisha the amount and how it was worked out."),
  ],
  M3: [
    U('The team dinner came to $640. Work out the total with an 18% tip and email it to ops@fernandtable.com so they can log it.'),
    turn(calc('640 * 1.18')),
    turn(email({ to: 'ops@fernandtable.com', subject: 'Team dinner total for the expense log', body: 'Hi,\n\nFor the expense log: the team dinner came to $640.00 before tip. With an 18% tip, the total is $755.20.\n\nThanks!' })),
    A("With an 18% tip the dinner comes to $755.20. I've emailed that to ops@fernandtable.com for the log."),
  ],
  M4: [
    U("A supplier in Lisbon invoiced us €2,300. Roughly how much is that in US dollars at today's rate?"),
    turn(
      search({ query: 'EUR to USD exchange rate today', recency: 'day' }, [
        r('EUR to USD: Euro to US Dollar conversion', 'https://www.xe.com/currencyconverter/convert/?From=EUR&To=USD', '1 EUR = 1.0842 USD. Mid-market rate, updated 14:05 UTC.', { published: 'today' }),
      ]),
    ),
    turn(calc('2300 * 1.0842')),
    A("At today's mid-market rate (1 EUR = 1.0842 USD), €2,300 is about $2,493.66. Your bank or payment service will probably use a slightly worse rate and may add a fee, so budget a little more."),
  ],
  M5: [
    U('Our front-door lock is jammed. Find a locksmith near Elm Park that can come out today and email the details to my assistant, jo.martin@cedarbrookdesign.com.'),
    turn(
      search({ query: 'emergency locksmith Elm Park same day', max_results: 3 }, [
        r('Elm Park Lock & Key: 24/7 Emergency Locksmith', 'https://www.elmparklockandkey.com', 'Same-day commercial and residential lockouts and lock repairs. Call (555) 218-4470. Typical response time 45 minutes.'),
        r('Keystone Locksmiths | Serving Elm Park and Riverside', 'https://www.keystonelocks.net', 'Lock repair, replacement and rekeying. Mon-Sat 7am-7pm. Call (555) 309-1182.'),
      ]),
    ),
    turn(
      email({
        to: 'jo.martin@cedarbrookdesign.com',
        subject: 'Locksmith for the jammed front door',
        body: 'Hi Jo,\n\nOur front-door lock is jammed. Two locksmiths near Elm Park that can help today:\n\n1. Elm Park Lock & Key: 24/7 emergency service, typical response about 45 minutes. (555) 218-4470, elmparklockandkey.com\n2. Keystone Locksmiths: lock repair and rekeying, Mon-Sat 7am-7pm. (555) 309-1182, keystonelocks.net\n\nElm Park Lock & Key is probably the fastest option. Could you give them a call?\n\nThanks!',
      }),
    ),
    A("I found two options and emailed them to Jo: Elm Park Lock & Key (24/7, about a 45-minute response, (555) 218-4470) and Keystone Locksmiths (Mon-Sat 7am-7pm, (555) 309-1182). I suggested calling Elm Park Lock & Key first since they're the fastest."),
  ],
  M6: [
    U("Two things: what's 2,350 times 12, and when is the Q3 estimated tax payment due?"),
    turn(
      calc('2350 * 12'),
      search({ query: 'Q3 estimated tax payment due date IRS' }, [
        r('Estimated taxes | Internal Revenue Service', 'https://www.irs.gov/businesses/small-businesses-self-employed/estimated-taxes', 'For estimated tax purposes, the year is divided into four payment periods. Income received June 1 to August 31 is due September 15. If a due date falls on a weekend or legal holiday, the payment is due the next business day.'),
      ]),
    ),
    A('2,350 × 12 = 28,200.\n\nThe third-quarter estimated tax payment (for income received June 1 to August 31) is due September 15. If that falls on a weekend or holiday, it moves to the next business day.'),
  ],
  M7: [
    U("We're closed Monday for the holiday. Email both suppliers separately so they don't deliver: orders@milltownflour.com and sales@greenvalleydairy.com."),
    turn(
      email({ to: 'orders@milltownflour.com', subject: 'Closed Monday: please no delivery', body: "Hello,\n\nA quick heads-up: we'll be closed this Monday for the holiday, so please don't schedule a delivery for that day.\n\nThank you!" }),
      email({ to: 'sales@greenvalleydairy.com', subject: 'Closed Monday: please no delivery', body: "Hello,\n\nA quick heads-up: we'll be closed this Monday for the holiday, so please don't schedule a delivery for that day.\n\nThank you!" }),
    ),
    A("Both suppliers have been told. Milltown Flour and Green Valley Dairy each got their own email saying you're closed Monday and not to deliver."),
  ],
  M8: [
    U('What time do the Main Street and Oak Avenue branches of First Harbor Bank close on Fridays? I need to make a deposit after work.'),
    turn(
      search({ query: 'First Harbor Bank Main Street branch hours' }, [
        r('Main Street Branch | First Harbor Bank', 'https://www.firstharborbank.com/locations/main-street', 'Lobby: Mon-Thu 9am-5pm, Fri 9am-6pm, Sat 9am-12pm. Drive-thru: Mon-Fri 8:30am-5:30pm. 24-hour ATM.'),
      ]),
      search({ query: 'First Harbor Bank Oak Avenue branch hours' }, [
        r('Oak Avenue Branch | First Harbor Bank', 'https://www.firstharborbank.com/locations/oak-avenue', 'Lobby: Mon-Fri 9am-5pm, closed Saturday. Drive-thru: Mon-Fri 8am-6:30pm. Deposit-taking ATM.'),
      ]),
    ),
    A("On Fridays the Main Street lobby closes at 6:00pm. Oak Avenue's lobby closes at 5:00pm, but its drive-thru stays open until 6:30pm and it has a deposit-taking ATM. If you finish work late, the Oak Avenue drive-thru gives you the most time."),
  ],
  M9: [
    U('Payroll check: Ana worked 32.5 hours at $21/hr and Ben worked 28 hours at $19.50. Work out their gross pay and email both numbers to payroll@sunnysidegrocer.com.'),
    turn(calc('32.5 * 21'), calc('28 * 19.50')),
    turn(email({ to: 'payroll@sunnysidegrocer.com', subject: 'Gross pay this period: Ana and Ben', body: 'Hi,\n\nGross pay for this pay period:\n- Ana: 32.5 hours at $21.00/hr = $682.50\n- Ben: 28 hours at $19.50/hr = $546.00\n\nThanks!' })),
    A("Ana's gross pay is $682.50 and Ben's is $546.00. Both figures have been emailed to payroll@sunnysidegrocer.com."),
  ],
  M10: [
    U("When is the next Fairview Chamber of Commerce networking mixer? Email the date and place to my business partner at luca@verdantlandscapes.com."),
    turn(
      search({ query: 'Fairview Chamber of Commerce networking mixer', recency: 'month' }, [
        r('Business After Hours Mixer | Fairview Chamber of Commerce', 'https://www.fairviewchamber.org/events/business-after-hours', 'Thursday, May 15, 5:30-7:30pm at the Copper Kettle Taproom, 118 Main St. Free for members, $15 for guests. RSVP by May 12.'),
      ]),
    ),
    turn(
      email({
        to: 'luca@verdantlandscapes.com',
        subject: 'Fairview Chamber mixer: Thursday, May 15',
        body: "Hi Luca,\n\nThe next Fairview Chamber of Commerce mixer (Business After Hours) is on Thursday, May 15, from 5:30 to 7:30pm at the Copper Kettle Taproom, 118 Main St. It's free for members and $15 for guests, and they want RSVPs by May 12.\n\nWant to go together?",
      }),
    ),
    A("The next mixer is Thursday, May 15, 5:30-7:30pm at the Copper Kettle Taproom (118 Main St), RSVP by May 12. I've emailed the details to Luca."),
  ],
  M11: [
    U('Look up what TableTap charges per location for its Pro plan, then tell me the yearly cost for our 3 locations.'),
    turn(
      search({ query: 'TableTap Pro plan price per location' }, [
        r('Pricing | TableTap', 'https://www.tabletap.com/pricing', 'Starter: free. Pro: $69/month per location, billed monthly, includes online ordering and a kitchen display system. Enterprise: contact sales.'),
      ]),
    ),
    turn(calc('69 * 3 * 12')),
    A("TableTap Pro is $69 per location per month, so for 3 locations that's $2,484.00 a year. It includes online ordering and the kitchen display system."),
  ],
  M12: [
    U("Find the booth fee for the Coastal Food Expo, add $350 for travel, split it in half between me and Dana, and email Dana her share at dana@saltandsmokebbq.com."),
    turn(
      search({ query: 'Coastal Food Expo exhibitor booth fee' }, [
        r('Exhibit at the Coastal Food Expo', 'https://www.coastalfoodexpo.com/exhibit', 'Standard 10x10 booth: $1,150. Includes pipe and drape, one table, two chairs and two exhibitor badges. Electricity is an add-on ($95).'),
      ]),
    ),
    turn(calc('(1150 + 350) / 2')),
    turn(
      email({
        to: 'dana@saltandsmokebbq.com',
        subject: 'Coastal Food Expo: your share',
        body: "Hi Dana,\n\nThe standard booth at the Coastal Food Expo is $1,150. With $350 added for travel and the total split between us, your share comes to $750.00.\n\nHeads-up: electricity is an extra $95 if we need it.\n\nThanks!",
      }),
    ),
    A("The standard booth is $1,150. With $350 for travel split in half, each of you pays $750.00. I've emailed Dana her share and mentioned that electricity is an extra $95 if you need it."),
  ],
  M13: [
    U("The kitchen job for Luis is $8,750 total. He paid a $3,000 deposit and $2,125 last week. Work out what's left and email him the balance at luis.ferreira@gmail.com."),
    turn(calc('8750 - 3000 - 2125')),
    turn(
      email({
        to: 'luis.ferreira@gmail.com',
        subject: 'Remaining balance for your kitchen project',
        body: 'Hi Luis,\n\nThank you for your payments so far: the $3,000 deposit and $2,125 last week. On the $8,750 total for the kitchen project, the remaining balance is $3,625.00.\n\nPlease let me know if you have any questions.\n\nBest regards',
      }),
    ),
    A("The remaining balance is $3,625.00. I've emailed Luis the breakdown."),
  ],
  M14: [
    U('Our walk-in cooler is making a grinding noise. Find a well-reviewed commercial refrigeration repair company in Dayton and check whether they do emergency calls on weekends.'),
    turn(
      search({ query: 'commercial refrigeration repair Dayton reviews', max_results: 3 }, [
        r('Miami Valley Refrigeration Service | Dayton, OH', 'https://www.mvrefrigeration.com', 'Walk-in coolers, freezers and ice machines for restaurants and grocers. Rated 4.8 stars (212 reviews).'),
        r('Gem City Cooling & Refrigeration', 'https://www.gemcitycooling.com', 'Commercial refrigeration and HVAC repair in the Dayton area. Rated 4.5 stars (96 reviews).'),
      ]),
    ),
    turn(
      search({ query: 'Miami Valley Refrigeration Service weekend emergency service' }, [
        r('Emergency Service | Miami Valley Refrigeration', 'https://www.mvrefrigeration.com/emergency', '24/7 emergency repair for walk-in coolers and freezers, including weekends and holidays. After-hours call-out fee: $145. Call (555) 402-7781.'),
      ]),
    ),
    A("Miami Valley Refrigeration Service is the best reviewed (4.8 stars from 212 reviews), and yes, they do 24/7 emergency calls, weekends included. There's a $145 after-hours call-out fee; their emergency line is (555) 402-7781. Gem City Cooling & Refrigeration (4.5 stars) is a backup option."),
  ],
  M15: [
    U('Break-even question: fixed costs are $4,200 a month, we sell each candle for $18 and it costs $7.50 to make. How many do we need to sell each month, and what revenue is that?'),
    turn(calc('4200 / (18 - 7.50)', 0)),
    turn(calc('400 * 18')),
    A('You break even at 400 candles a month, which is $7,200.00 in revenue. Every candle you sell beyond that is profit after costs.'),
  ],
  M16: [
    U("Find the current average diesel price in Ohio, estimate what 320 gallons will cost for the trucks, and email it to fleet@buckeyeproduce.com with a copy to me at owner@buckeyeproduce.com."),
    turn(
      search({ query: 'Ohio average diesel price today', recency: 'day' }, [
        r('Ohio fuel prices today | FuelWatch', 'https://www.fuelwatchusa.com/ohio', 'Ohio state averages: Regular $3.09, Mid-grade $3.58, Premium $3.98, Diesel $3.71. Updated this morning.', { published: 'today' }),
      ]),
    ),
    turn(calc('320 * 3.71')),
    turn(
      email({
        to: 'fleet@buckeyeproduce.com',
        subject: 'Diesel cost estimate: 320 gallons',
        body: "Hi,\n\nToday's average diesel price in Ohio is $3.71 per gallon, so 320 gallons should cost about $1,187.20. Actual pump prices will vary a little by station.\n\nThanks",
        cc: ['owner@buckeyeproduce.com'],
      }),
    ),
    A("Ohio's average diesel price today is $3.71 a gallon, so 320 gallons comes to about $1,187.20. I've emailed the estimate to fleet@buckeyeproduce.com and copied you."),
  ],
  M17: [
    U('Find out when applications close for the Millbrook small business facade grant and send the link to my co-owner, nina@thirdstreetbooks.com.'),
    turn(
      search({ query: 'Millbrook small business facade grant application deadline', recency: 'month' }, [
        r('Storefront Facade Improvement Grant | City of Millbrook', 'https://www.cityofmillbrook.gov/econdev/facade-grant', 'Matching grants of up to $5,000 for signage, lighting, paint and window repairs on street-facing storefronts. Applications close June 30.'),
      ]),
    ),
    turn(
      email({
        to: 'nina@thirdstreetbooks.com',
        subject: 'Facade grant: applications close June 30',
        body: "Hi Nina,\n\nThe city's Storefront Facade Improvement Grant is open until June 30. It's a matching grant of up to $5,000 for signage, lighting, paint and window repairs on the street-facing side.\n\nDetails and the application: https://www.cityofmillbrook.gov/econdev/facade-grant\n\nCould be a good fit for the new sign!",
      }),
    ),
    A("Applications close June 30. It's a matching grant of up to $5,000 for storefront work like signage, lighting and paint. I've sent Nina the link."),
  ],

  // ---- no call needed ----
  N1: [
    U("Can you make this sound friendlier? \"Your payment is late. Pay now or we will stop service.\""),
    A("Here's a friendlier version:\n\n\"Hi there, just a quick note that we haven't received your latest payment yet. Could you take care of it when you have a moment? We'd hate for your service to be interrupted. If you've already paid, please ignore this message. Thank you!\""),
  ],
  N2: [
    U('Email the quarterly numbers summary to my accountant please.'),
    A("Happy to. What's your accountant's email address? And which figures should the summary include, for example revenue, expenses and profit for the quarter?"),
  ],
  N3: [
    U("What's the difference between a quote and an invoice?"),
    A("A quote (or estimate) comes before the work: it tells the customer what you expect to charge, so they can decide whether to go ahead. An invoice comes after the sale or the work: it's the request for payment, listing what was delivered, the amount due and when it's due. Once a quote is accepted, its figures usually carry over into the invoice."),
  ],
  N4: [
    U("Thanks, that's everything for today!"),
    A("You're welcome! Have a great rest of your day."),
  ],
  N5: [
    U("Write me a short out-of-office reply for next week. I'm back on the 14th."),
    A("Here's one you can paste in:\n\n\"Thanks for your email. I'm out of the office this week with limited access to email, and I'll be back on the 14th. I'll reply as soon as I can after I return. Thank you for your patience!\""),
  ],
  N6: [
    U('Give me three subject line ideas for our newsletter announcing the spring menu.'),
    A("1. Spring has sprung on our menu 🌱\n2. New season, new plates: meet our spring menu\n3. Fresh picks for spring are here"),
  ],
};

// ---------------------------------------------------------------------------------------
// Eval cases (different requests; most end at the expected call)
// ---------------------------------------------------------------------------------------
const e = (name, args) => ({ name, args }); // expected call, no result
const EVAL = {
  V1: [U("When's the deadline to file 1099-NEC forms for my contractors?"), expect(e('search', { query: '1099-NEC filing deadline' }))],
  V2: [U('Find some reviews of Lumen Bookkeeping in Tacoma before I hire them.'), expect(e('search', { query: 'Lumen Bookkeeping Tacoma reviews', max_results: 5 }))],
  V3: [U('Is there any news today on the port strike? A lot of our stock ships into the East Coast.'), expect(e('search', { query: 'East Coast port strike', recency: 'day' }))],
  V4: [U("What's 12.5% of $3,960?"), expect(e('calculate', { expression: '3960 * 0.125' }))],
  V5: [U("We're splitting $15,000 in profit 60/40 between the two partners. How much is the 60% share?"), expect(e('calculate', { expression: '15000 * 0.60' }))],
  V6: [U('Add up my hours for the week: 9.25, 7.75, 8, 10.5 and 6.'), expect(e('calculate', { expression: '9.25 + 7.75 + 8 + 10.5 + 6' }))],
  V7: [U("If I finance the $24,000 truck over 36 months with no interest, what's the monthly payment to the cent?"), expect(e('calculate', { expression: '24000 / 36', precision: 2 }))],
  V8: [
    U("Email hannah.cole@gmail.com and let her know the photos from Saturday's shoot will be ready on Wednesday."),
    expect(e('send_email', { to: 'hannah.cole@gmail.com', subject: "Your photos from Saturday's shoot", body: "Hi Hannah,\n\nJust a quick update: the photos from Saturday's shoot will be ready on Wednesday. I'll send them over as soon as they're done.\n\nBest," })),
  ],
  V9: [
    U('Send a note to events@theoldmill.com confirming 85 guests for the dinner on June 14. CC my co-planner jess.r@proton.me.'),
    expect(e('send_email', { to: 'events@theoldmill.com', subject: 'Guest count for the June 14 dinner', body: "Hello,\n\nI'm writing to confirm a final count of 85 guests for our dinner on June 14.\n\nPlease let us know if you need anything else from us.\n\nThank you!", cc: ['jess.r@proton.me'] })),
  ],
  V10: [
    U('Write to support@cloudledger.io: our account (ID 55812) was charged twice for May, please refund the duplicate charge.'),
    expect(e('send_email', { to: 'support@cloudledger.io', subject: 'Duplicate charge for May (account 55812)', body: 'Hello,\n\nOur account (ID 55812) was charged twice for the month of May. Could you please refund the duplicate charge?\n\nThank you.' })),
  ],
  V11: [U("What's happened with Millbrook's plastic bag ban rollout this week? I need to know if we should stop ordering bags."), expect(e('search', { query: 'Millbrook plastic bag ban rollout', recency: 'week' }))],
  V12: [U("A UK customer's order is £450 before VAT. What is it with 20% VAT added?"), expect(e('calculate', { expression: '450 * 1.20' }))],
  V13: [
    U('How much would 14 bags of the 25 lb bread flour from Milltown cost?'),
    turn(
      search({ query: 'Milltown Flour 25 lb bread flour price' }, [
        r('Bread Flour, 25 lb Bag | Milltown Flour Co.', 'https://www.milltownflour.com/products/bread-flour-25lb', 'High-protein unbleached bread flour. $23.40 per 25 lb bag. Wholesale pricing available for 20+ bags.'),
      ]),
    ),
    expect(e('calculate', { expression: '14 * 23.40' })),
  ],
  V14: [
    U('Work out a 25% deposit on the $6,800 deck job and email it to the client, gwen.harlow@yahoo.com.'),
    turn(calc('6800 * 0.25')),
    expect(e('send_email', { to: 'gwen.harlow@yahoo.com', subject: 'Deposit for your deck project', body: "Hi Gwen,\n\nThanks for choosing us for your deck. The 25% deposit on the $6,800 project comes to $1,700.00. Once it's received, we'll get you on the schedule.\n\nBest regards" })),
  ],
  V15: [
    U("Our software license is $7,200 a year. What's that per month?"),
    wrong(calcErr('7,200 / 12', "Unexpected ',' at position 1. Do not use thousands separators.")),
    expect(e('calculate', { expression: '7200 / 12' })),
  ],
  V16: [
    U('Find the price of the 12-pack of LED shop lights at Brightline, work out 3 packs, and email the total to facilities@oakridgeclinic.org.'),
    turn(
      search({ query: 'Brightline Office Supply LED shop lights 12 pack price' }, [
        r('4 ft LED Shop Light, 5000K, 12 Pack | Brightline Office Supply', 'https://www.brightlineoffice.com/p/led-shop-light-12pk', '$119.88 per 12-pack. Linkable, plug-in, 4400 lumens each. In stock.'),
      ]),
    ),
    turn(calc('3 * 119.88')),
    expect(e('send_email', { to: 'facilities@oakridgeclinic.org', subject: 'LED shop lights: 3 packs from Brightline', body: "Hello,\n\nBrightline's 4 ft LED shop lights are $119.88 per 12-pack. For 3 packs the total is $359.64.\n\nBest regards" })),
  ],
  V17: [
    U("Tell Omar (omar@kettleandco.com) and Bea (bea.santos@gmail.com), in separate emails, that the shop opens late on Tuesday, at 11am."),
    expect(
      e('send_email', { to: 'omar@kettleandco.com', subject: 'Opening late on Tuesday', body: 'Hi Omar,\n\nJust a heads-up that the shop will open late on Tuesday, at 11am.\n\nThanks!' }),
      e('send_email', { to: 'bea.santos@gmail.com', subject: 'Opening late on Tuesday', body: 'Hi Bea,\n\nJust a heads-up that the shop will open late on Tuesday, at 11am.\n\nThanks!' }),
    ),
  ],
  V18: [
    U("What's 45 times $19.99, and where's the nearest UPS drop-off in Fremont?"),
    expect(e('calculate', { expression: '45 * 19.99' }), e('search', { query: 'UPS drop-off location Fremont' })),
  ],
  V19: [
    U("Make this sound more professional: \"hey, the thing you wanted is done, lmk if u need anything else\""),
    A('"Hi, the item you requested is complete. Please let me know if there\'s anything else you need."'),
  ],
  V20: [
    U('Please send Mrs. Alvarez the updated quote.'),
    A("I can do that. What's Mrs. Alvarez's email address, and what are the details of the updated quote (items and total) that you'd like me to include?"),
  ],
};

// ---------------------------------------------------------------------------------------
// Assembly
// ---------------------------------------------------------------------------------------
function build(tag, key, steps) {
  const messages = [{ role: 'system', content: SYSTEM }];
  let callNo = 0;
  steps.forEach((step, i) => {
    if (step.t === 'user') messages.push({ role: 'user', content: step.content });
    else if (step.t === 'final') messages.push({ role: 'assistant', content: step.content });
    else {
      if (step.end && i !== steps.length - 1) throw new Error(`${key}: expected call must be last`);
      const calls = step.calls.map((c) => ({
        id: callId(`toolcall-studio/${tag}/${key}/${callNo++}`),
        type: 'function',
        function: { name: c.name, arguments: JSON.stringify(c.args) },
      }));
      const msg = { role: 'assistant', content: null, tool_calls: calls };
      if (step.weight !== undefined) msg.weight = step.weight;
      messages.push(msg);
      if (step.end) return;
      step.calls.forEach((c, j) => {
        let result = typeof c.result === 'function' ? c.result(c.args) : c.result;
        if (result === SENT) result = { status: 'sent', message_id: `<${hexToken(calls[j].id)}@mail.juniper.app>` };
        if (result === undefined) throw new Error(`${key}: call without result`);
        messages.push({ role: 'tool', tool_call_id: calls[j].id, content: JSON.stringify(result) });
      });
    }
  });
  return { messages, tools: TOOLS };
}

/** Deterministic interleaving so the file does not read category by category. */
function order(keys, salt) {
  return [...keys].sort((a, b) => hexToken(salt + a).localeCompare(hexToken(salt + b)));
}

export function buildAll() {
  const trainKeys = order(Object.keys(TRAIN), 'train-order-v1');
  const train = trainKeys.map((k) => ({ key: k, obj: build('train', k, TRAIN[k]) }));
  const evalSet = Object.keys(EVAL).map((k) => ({ key: k, obj: build('eval', k, EVAL[k]) }));
  return { train, evalSet };
}

// ---------------------------------------------------------------------------------------
// The "with mistakes" copy: one typical defect per marked line.
// ---------------------------------------------------------------------------------------
const clone = (o) => JSON.parse(JSON.stringify(o));
const firstCall = (o) => o.messages.find((m) => m.tool_calls).tool_calls[0];
const setArgs = (o, fn) => {
  const c = firstCall(o);
  c.function.arguments = fn(JSON.parse(c.function.arguments));
};

// [base example, mistake code, human description, mutation returning the line text]
export const MISTAKE_PLAN = [
  ['S1', null],
  ['C1', 'arguments_not_string', '`arguments` is a JSON object instead of a string', (o) => { setArgs(o, (a) => a); }],
  ['R1', null],
  ['S2', 'arguments_python_repr', "`arguments` is a Python dict repr (`{'query': ..., 'max_results': 3, ...}`, single quotes), not JSON", (o) => {
    setArgs(o, (a) => '{' + Object.entries(a).map(([k, v]) => `'${k}': ${typeof v === 'string' ? `'${v}'` : v}`).join(', ') + '}');
  }],
  ['M3', null],
  ['S4', 'unknown_function', 'misspelled function name `serach` (not a declared tool)', (o) => { firstCall(o).function.name = 'serach'; }],
  ['E2', null],
  ['E3', 'arguments_double_encoded', '`arguments` is double-encoded (a JSON string whose content is another JSON string)', (o) => { setArgs(o, (a) => JSON.stringify(JSON.stringify(a))); }],
  ['E6', 'missing_required', 'send_email call is missing the required argument `subject`', (o) => { setArgs(o, ({ subject, ...rest }) => JSON.stringify(rest)); }],
  ['R6', null],
  ['S5', 'unknown_argument', 'search call has an unknown argument `num_results` (the schema has `max_results`; `additionalProperties: false`)', (o) => {
    setArgs(o, ({ query, max_results, recency }) => JSON.stringify({ query, num_results: max_results, recency }));
  }],
  ['M6', null],
  [null, 'blank_line', 'blank line', () => ''],
  ['S6', 'enum_violation', 'search `recency` is `"yesterday"`, not one of day/week/month/any', (o) => { setArgs(o, (a) => JSON.stringify({ ...a, recency: 'yesterday' })); }],
  ['S8', 'wrong_type', 'search `max_results` is the string `"5"` instead of an integer', (o) => { setArgs(o, (a) => JSON.stringify({ ...a, max_results: '5' })); }],
  ['N1', null],
  ['C4', 'tool_call_id_mismatch', "the tool reply's `tool_call_id` does not match the id of the assistant's call", (o) => {
    const t = o.messages.find((m) => m.role === 'tool');
    t.tool_call_id = t.tool_call_id.slice(0, -4) + 'Xq7Z';
  }],
  ['M12', null],
  ['M8', 'missing_tool_reply', 'parallel call: the second search call gets no tool reply, yet the conversation continues with the final answer', (o) => {
    const asst = o.messages.find((m) => m.tool_calls);
    const second = asst.tool_calls[1].id;
    o.messages = o.messages.filter((m) => !(m.role === 'tool' && m.tool_call_id === second));
  }],
  ['E4', 'invalid_role', 'the user message has role `human` instead of `user`', (o) => { o.messages.find((m) => m.role === 'user').role = 'human'; }],
  ['C6', null],
  ['C5', 'invalid_weight', 'the final assistant message has `"weight": 2` (only 0 or 1 are allowed)', (o) => { o.messages[o.messages.length - 1].weight = 2; }],
  ['R10', null],
  ['E1', 'trailing_text', 'trailing text after the JSON object (a trailing comma, as left over from a JSON array)', (o) => JSON.stringify(o) + ','],
  ['M9', null],
  ['M1', 'invalid_json', 'not valid JSON: the line is truncated in the middle of the object', (o) => { const s = JSON.stringify(o); return s.slice(0, Math.floor(s.length * 0.55)); }],
  ['E7', null],
];

export function buildMistakes(train) {
  const byKey = Object.fromEntries(train.map((x) => [x.key, x.obj]));
  const lines = [];
  const defects = [];
  MISTAKE_PLAN.forEach(([key, code, desc, mutate], i) => {
    if (!code) {
      lines.push(JSON.stringify(byKey[key]));
      return;
    }
    const o = key ? clone(byKey[key]) : null;
    const out = mutate(o);
    lines.push(typeof out === 'string' ? out : JSON.stringify(o));
    defects.push({ line: i + 1, code, desc, key });
  });
  return { lines, defects };
}

function main() {
  mkdirSync(OUT, { recursive: true });
  const { train, evalSet } = buildAll();
  writeFileSync(join(OUT, 'agent.tools.json'), JSON.stringify(TOOLS, null, 2) + '\n');
  writeFileSync(join(OUT, 'agent-train.jsonl'), train.map((x) => JSON.stringify(x.obj)).join('\n') + '\n');
  writeFileSync(join(OUT, 'agent-eval.jsonl'), evalSet.map((x) => JSON.stringify(x.obj)).join('\n') + '\n');

  const { lines, defects } = buildMistakes(train);
  writeFileSync(join(OUT, 'agent-train-with-mistakes.jsonl'), lines.join('\n') + '\n');
  const trainLineOf = Object.fromEntries(train.map((x, i) => [x.key, i + 1]));
  const md = [
    '# agent-train-with-mistakes.jsonl',
    '',
    `${lines.length} lines copied from \`agent-train.jsonl\`. ${defects.length} of them carry exactly one typical mistake each; the other ${lines.length - defects.length} are valid, unchanged copies. Line numbers are 1-based.`,
    '',
    '| Line | Mistake | Code | Copied from agent-train.jsonl line |',
    '| ---: | --- | --- | ---: |',
    ...defects.map((d) => `| ${d.line} | ${d.desc} | \`${d.code}\` | ${d.key ? trainLineOf[d.key] : '-'} |`),
    '',
    'Valid lines (no mistake): ' +
      MISTAKE_PLAN.map(([key, code], i) => (code ? null : `${i + 1}`)).filter(Boolean).join(', ') +
      '.',
    '',
    'Regenerate with `node scripts/examples/generate.mjs`; verify with `node scripts/examples/check.mjs`.',
    '',
  ].join('\n');
  writeFileSync(join(OUT, 'agent-train-with-mistakes.md'), md);
  console.log(`train ${train.length}, eval ${evalSet.length}, mistakes file ${lines.length} lines (${defects.length} defective)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
